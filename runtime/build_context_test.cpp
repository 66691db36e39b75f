// The streamed tar holds exactly what Docker would send: .dockerignore honoured, .git left out, links kept.
#include "runtime/build_context.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "runtime/runtime_error.hpp"
#include "runtime/testing/fails_with.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::runtime {
namespace {
namespace fs = std::filesystem;

// Reads the whole stream in small, odd-sized pieces and lists the tar's entries with their contents.
std::map<std::string, std::string> entriesOf(BuildContextStream& s) {
    std::string tar;
    char buf[777];
    for (std::size_t n; (n = s.read(buf, sizeof buf)) > 0;) tar.append(buf, n);
    EXPECT_EQ(tar.size(), s.bytesProduced());
    std::map<std::string, std::string> out;
    archive* a = archive_read_new();
    archive_read_support_format_tar(a);
    EXPECT_EQ(archive_read_open_memory(a, tar.data(), tar.size()), ARCHIVE_OK);
    archive_entry* e;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        std::string body;
        if (archive_entry_filetype(e) == AE_IFLNK) body = std::string("->") + archive_entry_symlink(e);
        char chunk[4096];
        for (la_ssize_t n; (n = archive_read_data(a, chunk, sizeof chunk)) > 0;) body.append(chunk, static_cast<std::size_t>(n));
        out[archive_entry_pathname(e)] = body;
    }
    archive_read_free(a);
    return out;
}

TEST(BuildContextStream, HonoursDockerignoreAndLeavesOutGit) {
    test::TempDir dir;
    test::writeFiles(dir.path(), {{"Dockerfile", "FROM scratch\n"},
                                  {".dockerignore", "Dockerfile\n*.log\nnode_modules\ndist\n!dist/keep.txt\n"},
                                  {"app.txt", "app"},
                                  {"debug.log", "noise"},
                                  {"node_modules/x/index.js", "x"},
                                  {"dist/keep.txt", "keep"},
                                  {"dist/drop.txt", "drop"},
                                  {".git/HEAD", "ref: refs/heads/main"},
                                  {"sub/.git", "gitdir: ../.git/modules/sub"}});
    fs::create_symlink("app.txt", dir / "link");
    BuildContextStream s(dir.path(), "Dockerfile");
    auto entries = entriesOf(s);
    EXPECT_EQ(entries["Dockerfile"], "FROM scratch\n") << "the Dockerfile is always sent";
    EXPECT_TRUE(entries.count(".dockerignore"));
    EXPECT_EQ(entries["app.txt"], "app");
    EXPECT_EQ(entries["dist/keep.txt"], "keep");
    EXPECT_EQ(entries["link"], "->app.txt");
    for (auto gone : {"debug.log", "node_modules", "node_modules/x/index.js", "dist/drop.txt", ".git", ".git/HEAD", "sub/.git"})
        EXPECT_FALSE(entries.count(gone)) << gone;
}

TEST(BuildContextStream, StreamsLargeFilesIntact) {
    test::TempDir dir;
    std::string big(3 * 1024 * 1024 + 17, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31 % 251);
    test::writeFile(dir / "Dockerfile", "FROM scratch\n");
    test::writeFile(dir / "blob.bin", big);
    BuildContextStream s(dir.path(), "Dockerfile");
    auto entries = entriesOf(s);
    EXPECT_EQ(entries["blob.bin"], big);
}

TEST(BuildContextStream, AMissingDirectoryIsAClearError) {
    EXPECT_TRUE(testing::failsWith([] { BuildContextStream("/nonexistent/rivetr-context", "Dockerfile"); },
                                   ErrorKind::InvalidArgument, "/nonexistent/rivetr-context"));
}

}  // namespace
}  // namespace rivetr::runtime
