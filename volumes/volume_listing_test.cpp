// The browse helper's output: entries with types, modes and owners; symlink targets shown as stored.
#include "volumes/volume_listing.hpp"

#include <gtest/gtest.h>

namespace rivetr::volumes {
namespace {

TEST(VolumeListing, ParsesADirectoryWithASymlinkAndOddNames) {
    auto report = parseBrowseOutput("directory\n"
                                    "81a4 5 123 45 1700000000 /v/d/a'b c\n"
                                    "a1ff 11 0 0 1700000001 '/v/d/l'nk' -> '../x'y -> z'\n"
                                    "41c0 4096 999 999 1700000002 /v/d/sub\n",
                                    false);
    ASSERT_EQ(report.kind, PathKind::Directory);
    ASSERT_EQ(report.entries.size(), 3u);
    EXPECT_EQ(report.entries[0].name, "sub");  // directories first
    EXPECT_EQ(report.entries[0].type, "directory");
    EXPECT_EQ(report.entries[0].mode, 0700u);
    EXPECT_EQ(report.entries[1].name, "a'b c");
    EXPECT_EQ(report.entries[1].uid, 123u);
    EXPECT_EQ(report.entries[1].gid, 45u);
    EXPECT_EQ(report.entries[1].size, 5u);
    EXPECT_EQ(report.entries[2].name, "l'nk");
    EXPECT_EQ(report.entries[2].type, "symlink");
    EXPECT_EQ(report.entries[2].target, "../x'y -> z");
}

TEST(VolumeListing, ReportsMissingAndSymlinkPaths) {
    EXPECT_EQ(parseBrowseOutput("missing\n", false).kind, PathKind::Missing);
    EXPECT_EQ(parseBrowseOutput("through-symlink\n", false).kind, PathKind::ThroughSymlink);
    auto file = parseBrowseOutput("file\n81ed 3 0 0 1 /v/run.sh\n", false);
    ASSERT_EQ(file.entries.size(), 1u);
    EXPECT_EQ(file.entries[0].mode, 0755u);
}

}  // namespace
}  // namespace rivetr::volumes
