// Volume names and paths: what reaches the engine is checked first, and nothing leaves the volume.
#include "volumes/volume_path.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "volumes/content_error.hpp"

namespace rivetr::volumes {
namespace {

TEST(VolumePath, NormalisesRelativePaths) {
    EXPECT_EQ(normalizeVolumePath(""), "");
    EXPECT_EQ(normalizeVolumePath("."), "");
    EXPECT_EQ(normalizeVolumePath("./a//b/"), "a/b");
    EXPECT_EQ(mountedPath(""), "/v");
    EXPECT_EQ(mountedPath("a/b"), "/v/a/b");
}

TEST(VolumePath, RefusesEveryWayOut) {
    for (const std::string& bad : std::vector<std::string>{"/etc", "..", "a/../..", "a/..", std::string("a\0b", 3), std::string("a\nb"),
                            std::string(4097, 'a')}) {
        EXPECT_THROW(normalizeVolumePath(bad), ContentError) << bad;
    }
}

TEST(VolumePath, VolumeNamesFollowTheEngineRule) {
    EXPECT_NO_THROW(checkVolumeName("pg-data_1.0"));
    for (const std::string& bad : std::vector<std::string>{"x;touch /tmp/pwn", "a", "-a", ".a", "a/b", "", std::string(256, 'a')}) {
        EXPECT_THROW(checkVolumeName(bad), ContentError) << bad;
    }
}

}  // namespace
}  // namespace rivetr::volumes
