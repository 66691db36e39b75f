// Stacks on disk: byte-exact round trips, the compose file's name kept, .env left or replaced, list and remove.
#include "stacks/stack_files.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/file_write.hpp"
#include "stacks/stack_name.hpp"

namespace rivetr::stacks {
namespace {

namespace fs = std::filesystem;

// A fresh root per test (mkdtemp), removed afterwards. Kept here rather than in tests/support, whose
// helpers need the HTTP client: this test links nothing but the stack files.
class StackFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "rivetr-stack-files-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
        root_ = dir_ / "stacks";
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    static void put(const fs::path& path, const std::string& content) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << content;
    }
    static std::string get(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }
    static std::vector<std::string> entries(const fs::path& dir) {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    fs::path dir_;
    fs::path root_;
};

using StackFilesRoundTrip = StackFilesTest;

TEST_F(StackFilesRoundTrip, WhatIsWrittenIsReadBackByteExact) {
    StackFiles files(root_);
    const std::vector<std::string> composes = {
        "services:\n  web:\n    image: nginx  # the proxy\n",
        "# only a comment\r\nservices:\r\n  web:\r\n    image: nginx\r\n",
        "services: {web: {image: nginx, ports: [\"80:80\", 443]}}",
        "services:\n  web:\n    image: nginx",  // no trailing newline
        "x: \"\xc3\xa9\"\n\n\n   \t\n",
        "",
    };
    for (const auto& compose : composes) {
        files.write("web", compose, std::string("A=1\r\n# c\nB='x y'"));
        auto read = files.read("web");
        ASSERT_TRUE(read);
        EXPECT_EQ(read->compose, compose);
        EXPECT_EQ(read->composeFile, "compose.yaml");
        EXPECT_EQ(read->env, std::optional<std::string>("A=1\r\n# c\nB='x y'"));
        EXPECT_EQ(read->directory, root_ / "web");
        EXPECT_EQ(get(root_ / "web" / "compose.yaml"), compose);
    }
    EXPECT_EQ(entries(root_ / "web"), (std::vector<std::string>{".env", "compose.yaml"})) << "no temp file left";
}

TEST_F(StackFilesRoundTrip, CreatesTheRootAndTheDirectoryWithTheirModes) {
    StackFiles files(root_ / "deeper");
    files.write("app", "services: {}\n", std::string("SECRET=1\n"));
    struct stat st {};
    ASSERT_EQ(::stat((root_ / "deeper" / "app").c_str(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    EXPECT_EQ(st.st_mode & 0022, 0u) << "not group or world writable";
    ASSERT_EQ(::stat((root_ / "deeper" / "app" / ".env").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << ".env holds secrets";
}

TEST_F(StackFilesRoundTrip, AStackWithoutEnvReadsNoEnvAndAnEmptyEnvIsWritten) {
    StackFiles files(root_);
    files.write("a", "services: {}\n", std::nullopt);
    EXPECT_FALSE(files.read("a")->env);
    EXPECT_FALSE(fs::exists(root_ / "a" / ".env"));
    files.write("a", "services: {}\n", std::string());
    EXPECT_EQ(files.read("a")->env, std::optional<std::string>(""));
}

TEST_F(StackFilesRoundTrip, EnvNulloptKeepsTheExistingEnv) {
    StackFiles files(root_);
    files.write("a", "v1", std::string("KEEP=me\n"));
    files.write("a", "v2", std::nullopt);
    auto read = files.read("a");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->compose, "v2");
    EXPECT_EQ(read->env, std::optional<std::string>("KEEP=me\n"));
}

TEST_F(StackFilesRoundTrip, ReadOfAMissingStackIsNullopt) {
    StackFiles files(root_);
    EXPECT_FALSE(files.read("nothing"));  // the root does not exist either
    fs::create_directories(root_ / "empty");
    put(root_ / "empty" / ".env", "A=1");
    EXPECT_FALSE(files.read("empty")) << "a .env alone is no stack";
}

using StackFilesComposeName = StackFilesTest;

TEST_F(StackFilesComposeName, ThePreferenceOrderIsComposeV2s) {
    EXPECT_EQ(StackFiles::composeFileNames(),
              (std::vector<std::string>{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}));
}

TEST_F(StackFilesComposeName, ReadPicksTheFirstPresentInPreferenceOrder) {
    StackFiles files(root_);
    auto dir = root_ / "s";
    put(dir / "docker-compose.yaml", "4");
    EXPECT_EQ(files.read("s")->composeFile, "docker-compose.yaml");
    put(dir / "docker-compose.yml", "3");
    EXPECT_EQ(files.read("s")->composeFile, "docker-compose.yml");
    put(dir / "compose.yml", "2");
    EXPECT_EQ(files.read("s")->composeFile, "compose.yml");
    EXPECT_EQ(files.read("s")->compose, "2");
    put(dir / "compose.yaml", "1");
    EXPECT_EQ(files.read("s")->composeFile, "compose.yaml");
    EXPECT_EQ(files.read("s")->compose, "1");
}

TEST_F(StackFilesComposeName, AnAdoptedDockerComposeYmlStaysOne) {
    StackFiles files(root_);
    put(root_ / "legacy" / "docker-compose.yml", "version: '3'\n");
    files.write("legacy", "services: {}\n", std::nullopt);
    EXPECT_EQ(entries(root_ / "legacy"), std::vector<std::string>{"docker-compose.yml"});
    EXPECT_EQ(get(root_ / "legacy" / "docker-compose.yml"), "services: {}\n");
    EXPECT_EQ(files.read("legacy")->composeFile, "docker-compose.yml");
}

using StackFilesList = StackFilesTest;

TEST_F(StackFilesList, ListsValidNamesWithAComposeFileSorted) {
    StackFiles files(root_);
    EXPECT_TRUE(files.list().empty()) << "no root yet: no stacks";
    put(root_ / "web" / "compose.yaml", "x");
    put(root_ / "api" / "docker-compose.yaml", "x");
    put(root_ / "0db" / "compose.yml", "x");
    put(root_ / "Test" / "compose.yaml", "x");      // upper case: adopt proposes "test"
    put(root_ / "my app" / "compose.yaml", "x");    // space: adopt proposes "myapp"
    put(root_ / ".hidden" / "compose.yaml", "x");
    put(root_ / "bare" / "README.md", "x");          // no compose file
    put(root_ / "dirfile" / "compose.yaml" / "x", "x");  // compose.yaml is a directory
    put(root_ / "file-not-dir", "x");
    EXPECT_EQ(files.list(), (std::vector<std::string>{"0db", "api", "web"}));
}

using StackFilesRemove = StackFilesTest;

TEST_F(StackFilesRemove, RemovesTheWholeTreeAndSaysWhetherItWasThere) {
    StackFiles files(root_);
    files.write("gone", "services: {}\n", std::string("A=1"));
    put(root_ / "gone" / "config" / "nginx.conf", "x");
    put(root_ / "kept" / "compose.yaml", "x");
    EXPECT_TRUE(files.remove("gone"));
    EXPECT_FALSE(fs::exists(root_ / "gone"));
    EXPECT_FALSE(files.read("gone"));
    EXPECT_FALSE(files.remove("gone"));
    EXPECT_FALSE(files.remove("never"));
    EXPECT_EQ(files.list(), std::vector<std::string>{"kept"});
}

TEST_F(StackFilesRemove, ASymlinkedStackLosesOnlyItsLink) {
    StackFiles files(root_);
    put(dir_ / "elsewhere" / "compose.yaml", "x");
    fs::create_directories(root_);
    fs::create_directory_symlink(dir_ / "elsewhere", root_ / "linked");
    EXPECT_EQ(files.list(), std::vector<std::string>{"linked"});
    EXPECT_TRUE(files.remove("linked"));
    EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / "linked")));
    EXPECT_EQ(get(dir_ / "elsewhere" / "compose.yaml"), "x");
}

using StackFilesNames = StackFilesTest;

TEST_F(StackFilesNames, EveryMethodRefusesAnInvalidNameBeforeTouchingTheDisk) {
    StackFiles files(root_);
    put(dir_ / "victim" / "compose.yaml", "x");
    const std::vector<std::string> badNames = {"", "..", ".", "../victim", "a/b", "/etc", "A", "-a", std::string(64, 'a')};
    for (const auto& bad : badNames) {
        SCOPED_TRACE('"' + bad + '"');
        EXPECT_THROW(files.read(bad), std::invalid_argument);
        EXPECT_THROW(files.write(bad, "x", std::string("y")), std::invalid_argument);
        EXPECT_THROW(files.remove(bad), std::invalid_argument);
        EXPECT_THROW(files.directory(bad), std::invalid_argument);
    }
    try {
        files.directory("..");
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(e.what(), stackNameRule());
    }
    EXPECT_EQ(get(dir_ / "victim" / "compose.yaml"), "x");
    EXPECT_FALSE(fs::exists(root_)) << "nothing was created";
}

// RLIMIT_FSIZE makes a write past `bytes` fail with EFBIG, for root too and with no mount; SIGXFSZ is
// ignored meanwhile so that the write returns the error instead of ending the process.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &old_);
        struct rlimit lower = old_;
        lower.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &lower);
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGXFSZ, &ignore, &oldAction_);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        ::sigaction(SIGXFSZ, &oldAction_, nullptr);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    struct rlimit old_ {};
    struct sigaction oldAction_ {};
};

// The errno of the FileWriteError `write` threw under a 1 KiB file size limit (0: none). Checked
// after the limit is lifted, so that a failure's message is not itself refused when the test's
// output goes to a file.
int errorUnderSizeLimit(const std::function<void()>& write) {
    FileSizeLimit limit(1024);
    try {
        write();
    } catch (const FileWriteError& e) {
        return e.error();
    }
    return 0;
}

using StackFilesFailure = StackFilesTest;

// A create is all or nothing: a new stack whose compose file or .env could not be written is gone.
TEST_F(StackFilesFailure, AFailedFirstWriteLeavesNoStackDirectory) {
    StackFiles files(root_);
    files.write("other", "services: {}\n", std::nullopt);
    EXPECT_EQ(errorUnderSizeLimit([&] { files.write("big", std::string(4096, 'x'), std::nullopt); }), EFBIG);
    EXPECT_EQ(errorUnderSizeLimit([&] { files.write("bigenv", "services: {}\n", std::string(4096, 'x')); }), EFBIG);
    EXPECT_EQ(entries(root_), std::vector<std::string>{"other"});
}

// An existing stack is not removed by a failed write, and keeps the old file whole.
TEST_F(StackFilesFailure, AnExistingStackKeepsItsFilesWhenAWriteFails) {
    StackFiles files(root_);
    files.write("s", "old", std::string("A=old"));
    EXPECT_EQ(errorUnderSizeLimit([&] { files.write("s", std::string(4096, 'x'), std::nullopt); }), EFBIG);
    EXPECT_EQ(errorUnderSizeLimit([&] { files.write("s", "new", std::string(4096, 'x')); }), EFBIG);
    auto read = files.read("s");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->compose, "new") << "the compose file is written first; the pair is not atomic";
    EXPECT_EQ(read->env, std::optional<std::string>("A=old"));
    EXPECT_EQ(entries(root_ / "s"), (std::vector<std::string>{".env", "compose.yaml"})) << "no temp file left";
}

// A file where the stack's directory would go is neither overwritten nor removed.
TEST_F(StackFilesFailure, AFileByTheStacksNameIsAnErrorAndIsKept) {
    StackFiles files(root_);
    put(root_ / "taken", "not a stack");
    EXPECT_THROW(files.write("taken", "x", std::nullopt), FileWriteError);
    EXPECT_FALSE(files.remove("taken"));
    EXPECT_FALSE(files.read("taken"));
    EXPECT_EQ(get(root_ / "taken"), "not a stack");
}

}  // namespace
}  // namespace rivetr::stacks
