// Deleting an app a user can see served: afterwards nothing of it answers, runs or stays on disk.
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using nlohmann::json;

class AppDelete : public test::ServeFixture {
protected:
    AppDelete() : ServeFixture("deleted") {}
};

TEST_F(AppDelete, RemovesRouteContainersImagesAndGitCache) {
    commitVersion("v1");
    createApp();
    ASSERT_EQ(waitStatus(deploy(), terminal)["status"], "running");
    ASSERT_EQ(viaProxy().body, "version=v1\n");
    ASSERT_EQ(rt->listContainers(runtime::rivetrFilter(appId)).size(), 1u);
    ASSERT_FALSE(rt->listImages(runtime::rivetrFilter(appId)).empty());

    auto r = call("DELETE", "/api/apps/" + appId);
    ASSERT_EQ(r.status, 204) << r.body;
    EXPECT_EQ(viaProxy().status, 404) << "the deleted app is still served";
    EXPECT_EQ(rt->listContainers(runtime::rivetrFilter(appId)).size(), 0u) << "its container still runs";
    EXPECT_TRUE(rt->listImages(runtime::rivetrFilter(appId)).empty()) << "its images were kept";
    bool cacheLeft = false;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path() / "data")) {
        if (entry.path().filename().string().find(appId) != std::string::npos) cacheLeft = true;
    }
    EXPECT_FALSE(cacheLeft) << "a directory named after the app is left under data_dir";

    // The name and domain are free again and deploy from scratch.
    createApp();
    EXPECT_EQ(waitStatus(deploy(), terminal)["status"], "running");
    EXPECT_EQ(viaProxy().body, "version=v1\n");
}

}  // namespace
}  // namespace rivetr
