// Bind roots an admin may save: absolute, normalised, not /, not repeated, never the Docker socket or what holds it.
#include "containers/docker_policy.hpp"

#include <gtest/gtest.h>

namespace rivetr::containers {
namespace {

PolicyOptions socketAt(const std::string& socket) {
    PolicyOptions o;
    o.dockerSocket = socket;
    return o;
}

TEST(DockerPolicy, GoodRootsPass) {
    EXPECT_EQ(invalidBindRoots({}, {}), std::nullopt) << "an empty list: named volumes only";
    EXPECT_EQ(invalidBindRoots({"/srv/data", "/mnt/media", "/var/lib/app"}, {}), std::nullopt);
}

TEST(DockerPolicy, EachBadRootIsNamed) {
    const std::vector<std::pair<std::string, std::string>> bad{
        {"srv", "absolute"}, {"", "absolute"}, {"/", "whole host"}, {"/srv/../etc", ".."}, {"/srv/./a", "normalised"},
        {"/srv//a", "normalised"}, {"/srv/a/", "normalised"}, {"/srv/a\tb", "control"},
        {"/var/run/docker.sock", "Docker socket"}, {"/var/run", "Docker socket"}, {"/run", "Docker socket"},
        {"/var", "Docker socket"}};
    for (const auto& [root, why] : bad) {
        auto problem = invalidBindRoots({"/srv/ok", root}, {});
        ASSERT_TRUE(problem.has_value()) << root;
        EXPECT_NE(problem->find(why), std::string::npos) << root << ": " << *problem;
    }
    auto twice = invalidBindRoots({"/srv/a", "/srv/b", "/srv/a"}, {});
    ASSERT_TRUE(twice);
    EXPECT_NE(twice->find("twice"), std::string::npos);
}

TEST(DockerPolicy, TheConfiguredSocketIsRefusedToo) {
    EXPECT_TRUE(invalidBindRoots({"/opt/docker"}, socketAt("/opt/docker/engine.sock")));
    EXPECT_FALSE(invalidBindRoots({"/opt/docker"}, {}));
}

}  // namespace
}  // namespace rivetr::containers
