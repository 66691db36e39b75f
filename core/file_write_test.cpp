// Checked file writes on a real, small tmpfs: a full disk is an error that names the disk, never a short file.
#include "core/file_write.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cerrno>
#include <fstream>

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

}  // namespace
}  // namespace rivetr
