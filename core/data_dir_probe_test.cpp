// The data-directory probe behind /health: ok, full (by a real ENOSPC or too little room) and unwritable.
#include "core/data_dir_probe.hpp"

#include <gtest/gtest.h>

#include "tests/support/small_tmpfs.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

namespace fs = std::filesystem;

TEST(DataDirProbe, AWritableDirectoryWithRoomIsOkAndTheProbeLeavesNothing) {
    test::TempDir dir("rivetr-probe");
    auto r = probeDirectories(dataDirectories(dir.path()));
    EXPECT_EQ(std::string(diskStatusName(r.status)), "ok") << r.reason;
    ASSERT_TRUE(r.freeBytes);
    EXPECT_GT(*r.freeBytes, 0u);
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(DataDirProbe, AWorkDirectoryOnAFullDiskMakesTheDataDirectoryFull) {
    test::TempDir dir("rivetr-probe");
    test::SmallTmpfs work(dir / "work", 128 * 1024);
    auto dirs = dataDirectories(dir.path());
    ASSERT_EQ(dirs.size(), 2u);
    EXPECT_EQ(std::string(diskStatusName(probeDirectories(dirs).status)), "full") << "128 KB is below the floor";
    work.fillLeaving(0);
    auto r = probeDirectories(dirs);
    EXPECT_EQ(r.status, DiskStatus::Full);
    EXPECT_EQ(r.freeBytes, 0u);
    EXPECT_NE(r.reason.find("no space left on device"), std::string::npos) << r.reason;
}

TEST(DataDirProbe, AMissingOrReadOnlyDirectoryIsUnwritable) {
    test::TempDir dir("rivetr-probe");
    EXPECT_EQ(probeDirectories({dir / "gone"}).status, DiskStatus::Unwritable);
    test::SmallTmpfs ro(dir / "ro", 64 * 1024 * 1024);
    EXPECT_EQ(probeDirectories({ro.path()}).status, DiskStatus::Ok);
    ro.makeReadOnly();
    auto r = probeDirectories({dir.path(), ro.path()});
    EXPECT_EQ(r.status, DiskStatus::Unwritable);
    EXPECT_NE(r.reason.find("Read-only file system"), std::string::npos) << r.reason;
}

}  // namespace
}  // namespace rivetr
