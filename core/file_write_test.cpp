// Checked file writes on a real, small tmpfs: a full disk is an error that names the disk, never a short file.
#include "core/file_write.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/small_tmpfs.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(FileWrite, FormatsBytesAsDfDoes) {
    EXPECT_EQ(formatBytes(0), "0 B");
    EXPECT_EQ(formatBytes(999), "999 B");
    EXPECT_EQ(formatBytes(1000), "1.0 KB");
    EXPECT_EQ(formatBytes(1900000), "1.9 MB");
    EXPECT_EQ(formatBytes(16800000), "16.8 MB");
    EXPECT_EQ(formatBytes(3ULL * 1000 * 1000 * 1000 * 1000), "3.0 TB");
}

TEST(FileWrite, WritesTheWholeFileWithItsMode) {
    test::TempDir dir("rivetr-file-write");
    auto file = dir / "a.txt";
    writeFileChecked(file, "hello\n", {.mode = 0600, .durable = true});
    EXPECT_EQ(test::readFile(file), "hello\n");
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    writeFileChecked(file, "x");  // truncates
    EXPECT_EQ(test::readFile(file), "x");
}

TEST(FileWrite, ExclusiveRefusesAnExistingFileAndKeepsIt) {
    test::TempDir dir("rivetr-file-write");
    writeFileChecked(dir / "k", "first");
    try {
        writeFileChecked(dir / "k", "second", {.mode = 0600, .exclusive = true});
        FAIL() << "an exclusive write over an existing file must fail";
    } catch (const FileWriteError& e) {
        EXPECT_EQ(e.error(), EEXIST);
        EXPECT_FALSE(e.diskFull());
        EXPECT_TRUE(contains(e.what(), (dir / "k").string())) << e.what();
    }
    EXPECT_EQ(test::readFile(dir / "k"), "first");
}

TEST(FileWrite, OtherErrorsNameTheFileAndTheReason) {
    auto message = describeWriteError(EACCES, "/srv/data/x.txt");
    EXPECT_EQ(message, "cannot write /srv/data/x.txt: Permission denied");
    EXPECT_THROW(writeFileChecked("/nonexistent-dir-rivetr/x", "1"), FileWriteError);
}

// mkdir and symlink fail through std::filesystem: a full disk there reads the same.
TEST(FileWrite, AFilesystemErrorOfAFullDiskIsExplainedLikeAFailedWrite) {
    test::TempDir dir("rivetr-file-write");
    fs::filesystem_error full("cannot create directory", dir / "wd_1" / "src",
                              std::make_error_code(std::errc::no_space_on_device));
    std::string m = explainFailure(full);
    EXPECT_EQ(m.rfind("no space left on device: ", 0), 0u) << m;
    EXPECT_TRUE(contains(m, "(writing " + (dir / "wd_1" / "src").string() + ")")) << m;
    std::runtime_error other("something else");
    EXPECT_EQ(explainFailure(other), "something else");
}

class FullDisk : public ::testing::Test {
protected:
    test::TempDir dir{"rivetr-full-disk"};
    test::SmallTmpfs disk{dir / "disk", 256 * 1024};
};

// The defect this helper exists for: a small write is buffered by a stream and lost at its close.
TEST_F(FullDisk, ASmallFileThatDoesNotFitIsAnErrorNamingTheDiskAndLeavesNoFile) {
    disk.fillLeaving(0);
    auto file = disk.path() / "health.txt";
    try {
        writeFileChecked(file, "ok\n");
        FAIL() << "a write to a full disk must fail";
    } catch (const FileWriteError& e) {
        EXPECT_TRUE(e.diskFull());
        std::string m = e.what();
        EXPECT_TRUE(contains(m, "no space left on device: ")) << m;
        EXPECT_TRUE(contains(m, " free in " + disk.path().string() + " (writing " + file.string() + ")")) << m;
    }
    EXPECT_FALSE(fs::exists(file)) << "no empty file may stay behind";
}

TEST_F(FullDisk, ALargeWriteStopsAtTheEdgeAndTheMessageSaysWhatIsFree) {
    disk.fillLeaving(64 * 1024);
    auto free = freeDiskBytes(disk.path());
    ASSERT_TRUE(free);
    EXPECT_LE(*free, 64u * 1024);
    EXPECT_GT(*free, 0u);
    auto file = disk.path() / "sub" / "big.bin";
    fs::create_directories(file.parent_path());
    try {
        writeFileChecked(file, std::string(200 * 1024, 'x'));
        FAIL() << "200 KB cannot fit in " << *free << " bytes";
    } catch (const FileWriteError& e) {
        EXPECT_TRUE(e.diskFull());
        // Said while the partial file still held the space: what the user sees is what was left then.
        EXPECT_TRUE(contains(e.what(), "no space left on device: 0 B free in " + disk.path().string())) << e.what();
    }
    EXPECT_FALSE(fs::exists(file));
    EXPECT_EQ(freeDiskBytes(disk.path()), free) << "the partial file was removed";
}

TEST_F(FullDisk, AStreamingWriterSeesTheErrorAtTheWriteThatLostTheBytes) {
    disk.fillLeaving(8 * 1024);
    CheckedFile out(disk.path() / "stream.bin");
    out.write(std::string(4096, 'a'));
    EXPECT_THROW(out.write(std::string(64 * 1024, 'b')), FileWriteError);
}

TEST_F(FullDisk, ACheckedFileNotClosedIsRemoved) {
    auto file = disk.path() / "half";
    {
        CheckedFile out(file);
        out.write("partial");
    }
    EXPECT_FALSE(fs::exists(file));
}

// The names in `dir`, sorted: what an atomic write leaves behind, temp files included.
std::vector<std::string> entriesOf(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST(FileWriteAtomically, ReplacesTheContentByteExactAndLeavesNoTempFile) {
    test::TempDir dir("rivetr-file-write");
    auto file = dir / "compose.yaml";
    writeFileAtomically(file, "old\n");
    writeFileAtomically(file, std::string("new\r\nno newline\0at end", 23));
    EXPECT_EQ(test::readFile(file), std::string("new\r\nno newline\0at end", 23));
    EXPECT_EQ(entriesOf(dir.path()), std::vector<std::string>{"compose.yaml"});
}

TEST(FileWriteAtomically, CreatesAMissingFileWithItsMode) {
    test::TempDir dir("rivetr-file-write");
    auto file = dir / ".env";
    writeFileAtomically(file, "", 0600);
    EXPECT_EQ(test::readFile(file), "");
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

// ENOTDIR stops root as well as anyone: the parent is a regular file.
TEST(FileWriteAtomically, APathUnderARegularFileFailsAndCreatesNothing) {
    test::TempDir dir("rivetr-file-write");
    writeFileChecked(dir / "plain", "keep");
    try {
        writeFileAtomically(dir / "plain" / "x.yaml", "new");
        FAIL() << "a file cannot hold a file";
    } catch (const FileWriteError& e) {
        EXPECT_EQ(e.error(), ENOTDIR);
        EXPECT_TRUE(contains(e.what(), (dir / "plain").string())) << e.what();
    }
    EXPECT_EQ(test::readFile(dir / "plain"), "keep");
    EXPECT_EQ(entriesOf(dir.path()), std::vector<std::string>{"plain"});
}

// The temp file is complete when the rename fails: it must still go.
TEST(FileWriteAtomically, AFailedRenameRemovesTheTempFileAndKeepsWhatWasThere) {
    test::TempDir dir("rivetr-file-write");
    auto target = dir / "taken";
    fs::create_directories(target);
    writeFileChecked(target / "inside", "old");
    EXPECT_THROW(writeFileAtomically(target, "new"), FileWriteError);
    EXPECT_EQ(test::readFile(target / "inside"), "old");
    EXPECT_EQ(entriesOf(dir.path()), std::vector<std::string>{"taken"});
}

// Each writer has its own temp file: the result is one writer's whole content, never a mix.
TEST(FileWriteAtomically, ConcurrentWritersLeaveOneWholeFile) {
    test::TempDir dir("rivetr-file-write");
    auto file = dir / "f";
    std::vector<std::thread> writers;
    for (char c : std::string("abcd"))
        writers.emplace_back([&file, c] {
            for (int i = 0; i < 25; ++i) writeFileAtomically(file, std::string(4096, c));
        });
    for (auto& w : writers) w.join();
    auto content = test::readFile(file);
    ASSERT_EQ(content.size(), 4096u);
    EXPECT_EQ(content, std::string(4096, content[0]));
    EXPECT_EQ(entriesOf(dir.path()), std::vector<std::string>{"f"});
}

TEST_F(FullDisk, AnAtomicWriteThatDoesNotFitKeepsTheOldContent) {
    auto file = disk.path() / "compose.yaml";
    writeFileAtomically(file, "services: {}\n");
    disk.fillLeaving(0);
    auto free = freeDiskBytes(disk.path());
    try {
        writeFileAtomically(file, std::string(64 * 1024, 'x'));
        FAIL() << "64 KB cannot fit on a full disk";
    } catch (const FileWriteError& e) {
        EXPECT_TRUE(e.diskFull()) << e.what();
    }
    EXPECT_EQ(test::readFile(file), "services: {}\n");
    EXPECT_EQ(entriesOf(disk.path()), (std::vector<std::string>{"compose.yaml", "filler"}));
    EXPECT_EQ(freeDiskBytes(disk.path()), free) << "the partial temp file was removed";
}

// A read-only filesystem refuses root too (EROFS), unlike a directory's permissions.
TEST_F(FullDisk, AnAtomicWriteOnAReadOnlyDiskKeepsTheOldContent) {
    auto file = disk.path() / ".env";
    writeFileAtomically(file, "A=1", 0600);
    disk.makeReadOnly();
    try {
        writeFileAtomically(file, "A=2", 0600);
        FAIL() << "a read-only disk takes no file";
    } catch (const FileWriteError& e) {
        EXPECT_EQ(e.error(), EROFS);
    }
    EXPECT_EQ(test::readFile(file), "A=1");
    EXPECT_EQ(entriesOf(disk.path()), std::vector<std::string>{".env"});
}

}  // namespace
}  // namespace rivetr
