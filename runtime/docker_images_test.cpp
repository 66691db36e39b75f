// The Docker manager's image operations against the real dockerd: every image, removal refusals, history, disk usage.
#include "runtime/image_test_fixture.hpp"

namespace rivetr::runtime {
namespace {

using testing::ImageTest;

class DockerImagesTest : public ImageTest {};

TEST_F(DockerImagesTest, ListsEveryImageNotOnlyRivetrsWithTagsSizesAndDangling) {
    std::string tagged = buildBusybox(repo() + ":v1");
    std::string dangling = buildBusybox("");
    rt->tagImage(tagged, repo(), "also");

    auto all = rt->listAllImages();
    const ImageInfo* t = find(all, tagged);
    const ImageInfo* d = find(all, dangling);
    ASSERT_NE(t, nullptr) << "an image Rivetr did not build is listed";
    ASSERT_NE(d, nullptr) << "a dangling image is listed";
    EXPECT_EQ(t->repoTags, (std::vector<std::string>{repo() + ":also", repo() + ":v1"}));
    EXPECT_FALSE(t->dangling);
    EXPECT_GT(t->sizeBytes, 1'000'000) << "busybox is in it";
    EXPECT_GT(t->created, 1'600'000'000);
    EXPECT_EQ(t->labels.at(kOwnerLabel), app);
    EXPECT_TRUE(t->repoDigests.empty()) << "never pushed";
    EXPECT_TRUE(d->dangling);
    EXPECT_TRUE(d->repoTags.empty()) << "the engine's <none>:<none> is not a tag";
    EXPECT_TRUE(d->repoDigests.empty());

    // The engine's own view stays on what Rivetr built.
    EXPECT_EQ(find(rt->listImages(rivetrFilter()), tagged), nullptr);
}

TEST_F(DockerImagesTest, ContainersNameTheImageIdTheyRun) {
    std::string image = buildBusybox(repo() + ":v1");
    std::string c = containerFrom(repo() + ":v1", false);
    rt->removeImage(repo() + ":v1", true);  // the tag moves away; the container still runs the image id
    for (const auto& s : rt->listContainers({{kOwnerLabel, app}}))
        if (s.id == c) {
            EXPECT_EQ(s.imageId, image);
            return;
        }
    FAIL() << "container not listed";
}

TEST_F(DockerImagesTest, RemovalIsRefusedWhileAContainerUsesTheImageUnlessForced) {
    std::string image = buildBusybox(repo() + ":v1");
    std::string stopped = containerFrom(image, false);
    try {
        rt->removeImage(repo() + ":v1", false);
        FAIL() << "an image a container uses must not go without force";
    } catch (const RuntimeError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Conflict);
        EXPECT_EQ(e.httpStatus(), 409);
        EXPECT_NE(e.daemonMessage().find(stopped.substr(0, 12)), std::string::npos) << "the engine names the container: " << e.daemonMessage();
    }
    EXPECT_NO_THROW(rt->inspectImage(image)) << "nothing was removed";

    ImageRemoval forced = rt->removeImage(repo() + ":v1", true);
    EXPECT_EQ(forced.untagged, std::vector<std::string>{repo() + ":v1"});
    EXPECT_EQ(forced.deleted.front(), image) << "a stopped container's image goes when forced";
    EXPECT_THROW(rt->inspectImage(image), RuntimeError);
}

TEST_F(DockerImagesTest, ARunningContainersImageIsNeverDeletedEvenForced) {
    std::string image = buildBusybox(repo() + ":v1");
    containerFrom(image, true);
    try {
        rt->removeImage(image, true);
        FAIL() << "the engine refuses to delete a running container's image";
    } catch (const RuntimeError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Conflict);
        EXPECT_NE(e.daemonMessage().find("running container"), std::string::npos) << e.daemonMessage();
    }
    EXPECT_NO_THROW(rt->inspectImage(image));
}

TEST_F(DockerImagesTest, RemovingOneOfTwoTagsOnlyUntags) {
    std::string image = buildBusybox(repo() + ":v1");
    rt->tagImage(image, repo(), "v2");
    ImageRemoval r = rt->removeImage(repo() + ":v2", false);
    EXPECT_EQ(r.untagged, std::vector<std::string>{repo() + ":v2"});
    EXPECT_TRUE(r.deleted.empty());
    EXPECT_EQ(rt->inspectImage(image).repoTags, std::vector<std::string>{repo() + ":v1"});
}

TEST_F(DockerImagesTest, HistoryListsTheLayersNewestFirst) {
    std::string image = buildBusybox(repo() + ":v1");
    auto layers = rt->imageHistory(repo() + ":v1");
    ASSERT_GE(layers.size(), 2u);
    EXPECT_EQ(layers.front().id, image);
    EXPECT_EQ(layers.front().tags, std::vector<std::string>{repo() + ":v1"});
    EXPECT_NE(layers.front().createdBy.find("LABEL " + std::string(kOwnerLabel)), std::string::npos)
        << "the build's labels are its last step: " << layers.front().createdBy;
    std::int64_t total = 0, copies = 0;
    for (const auto& l : layers) {
        total += l.sizeBytes;
        copies += l.createdBy.find("COPY") != std::string::npos ? 1 : 0;
    }
    EXPECT_EQ(copies, 2);
    EXPECT_EQ(layers.back().sizeBytes, static_cast<std::int64_t>(test::readFile(ctx.path() / "img1" / "unique").size()))
        << "the oldest layer is the unique file";
    EXPECT_EQ(total, rt->inspectImage(image).sizeBytes) << "the layers add up to the image";
    try {
        rt->imageHistory(repo() + ":nope");
        FAIL();
    } catch (const RuntimeError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::ImageNotFound);
    }
    EXPECT_THROW(rt->imageHistory("../../containers/json"), RuntimeError) << "a reference never reaches the URL unchecked";
}

TEST_F(DockerImagesTest, DiskUsageCountsThisTestsImageAndContainer) {
    std::string image = buildBusybox(repo() + ":v1");
    containerFrom(image, true);
    DiskUsage u = rt->diskUsage();
    EXPECT_GE(u.images.total, 1);
    EXPECT_GE(u.images.active, 1) << "our image runs a container";
    EXPECT_GT(u.images.sizeBytes, 1'000'000);
    EXPECT_LE(u.images.reclaimableBytes, u.images.sizeBytes);
    EXPECT_GE(u.containers.active, 1);
    EXPECT_GE(u.containers.total, u.containers.active);
}

}  // namespace
}  // namespace rivetr::runtime
