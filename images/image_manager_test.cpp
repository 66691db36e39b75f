// The image manager against the real dockerd through a host directory: in-use from the container list, prune's dry run and exact removal.
#include "images/image_manager.hpp"

#include "hosts/local_host_directory.hpp"
#include "runtime/image_test_fixture.hpp"
#include "runtime/testing/image_exists.hpp"

namespace rivetr::images {
namespace {

using runtime::testing::ImageTest;

class ImageManagerTest : public ImageTest {
protected:
    void SetUp() override {
        ImageTest::SetUp();
        // The test's runtime, not owned by the directory.
        std::shared_ptr<runtime::ContainerRuntime> shared(rt.get(), [](runtime::ContainerRuntime*) {});
        directory = std::make_unique<hosts::LocalHostDirectory>([shared] { return shared; });
        manager = std::make_unique<ImageManager>(*directory);
    }

    // Only this test's images of one group: the engine is shared, a test never prunes anything else.
    PruneFilter only(PruneMode mode, const std::string& group = "inside") {
        return {mode, {{kOwnerLabel, app}, {"rivetr.test.group", group}}, {}};
    }
    std::string build(const std::string& tag, const std::string& group = "inside") {
        return buildBusybox(tag, {{"rivetr.test.group", group}});
    }
    bool exists(const std::string& ref) { return runtime::testing::imageExists(*rt, ref); }
    static std::vector<std::string> ids(const PrunePlan& p) {
        std::vector<std::string> out;
        for (const auto& c : p.remove) out.push_back(c.id);
        std::sort(out.begin(), out.end());
        return out;
    }
    static std::vector<std::string> sorted(std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    }
    const ImageEntry* entry(const std::vector<ImageEntry>& list, const std::string& id) {
        for (const auto& e : list)
            if (e.image.id == id) return &e;
        return nullptr;
    }

    std::unique_ptr<hosts::LocalHostDirectory> directory;
    std::unique_ptr<ImageManager> manager;
};

TEST_F(ImageManagerTest, ListsEveryImageWithTheContainersUsingIt) {
    std::string used = build(repo() + ":v1");
    std::string dangling = build("");
    std::string c = containerFrom(used, false);

    auto list = manager->list("local");
    const ImageEntry* u = entry(list, used);
    const ImageEntry* d = entry(list, dangling);
    ASSERT_NE(u, nullptr);
    ASSERT_NE(d, nullptr);
    ASSERT_EQ(u->usedBy.size(), 1u);
    EXPECT_EQ(u->usedBy[0].id, c);
    EXPECT_EQ(u->usedBy[0].state, "created");
    EXPECT_EQ(u->usedBy[0].name.rfind("rivetr-test-img-", 0), 0u);
    EXPECT_FALSE(u->managed);
    EXPECT_TRUE(d->image.dangling);
    EXPECT_FALSE(d->inUse());
    EXPECT_EQ(manager->list("").size(), list.size()) << "\"\" is the local engine too";
    EXPECT_THROW(manager->list("elsewhere"), hosts::HostNotFound);
}

TEST_F(ImageManagerTest, TheDryRunRemovesNothingThenThePruneRemovesExactlyThePlan) {
    std::string dangling = build("");
    std::string unused = build(repo() + ":unused");
    std::string twoTags = build(repo() + ":a");
    rt->tagImage(twoTags, repo() + "-other", "b");
    std::string used = build(repo() + ":used");
    std::string c = containerFrom(used, false);
    std::string outside = build("", "outside");  // qualifies, but outside the filter
    std::string rivetrs = buildBusybox(repo() + ":deployed", runtime::rivetrLabels(app));

    PrunePlan danglingOnly = manager->planPrune("local", only(PruneMode::Dangling));
    EXPECT_EQ(ids(danglingOnly), std::vector<std::string>{dangling});

    PruneFilter unusedMine = only(PruneMode::Unused);
    PrunePlan preview = manager->planPrune("local", unusedMine);
    EXPECT_EQ(ids(preview), sorted({dangling, unused, twoTags}));
    ASSERT_EQ(preview.kept.size(), 1u);
    EXPECT_EQ(preview.kept[0].id, used);
    EXPECT_NE(preview.kept[0].reason.find("used by container rivetr-test-img-"), std::string::npos) << preview.kept[0].reason;
    EXPECT_GT(preview.sizeBytes, 3'000'000);
    for (const auto& id : {dangling, unused, twoTags, used, outside, rivetrs}) EXPECT_TRUE(exists(id)) << "a dry run removes nothing";

    // Rivetr's own image is kept with its reason when the filter reaches it.
    PrunePlan withRivetrs = manager->planPrune("local", {PruneMode::Unused, {{kOwnerLabel, app}, {"rivetr.app", app}}, {}});
    ASSERT_EQ(withRivetrs.kept.size(), 1u);
    EXPECT_EQ(withRivetrs.kept[0].reason, "built by Rivetr for app " + app);
    EXPECT_TRUE(withRivetrs.remove.empty());

    PruneReport report = manager->prune("local", unusedMine);
    EXPECT_EQ(ids(report.plan), ids(preview));
    ASSERT_EQ(report.outcomes.size(), 3u);
    for (const auto& o : report.outcomes) {
        EXPECT_TRUE(o.removed) << o.id << ": " << o.error;
        EXPECT_TRUE(o.error.empty());
        EXPECT_FALSE(exists(o.id));
    }
    for (const auto& o : report.outcomes) {
        if (o.id == twoTags) {
            EXPECT_EQ(sorted(o.untagged), sorted({repo() + ":a", repo() + "-other:b"}));
        }
    }
    EXPECT_EQ(report.removedSizeBytes, preview.sizeBytes);
    EXPECT_TRUE(exists(used)) << "a stopped container's image stays";
    EXPECT_TRUE(exists(outside)) << "nothing outside the filter goes";
    EXPECT_TRUE(exists(rivetrs)) << "Rivetr's images stay";
}

TEST_F(ImageManagerTest, AnImageAContainerStartedUsingAfterThePlanIsRefusedByTheEngineNotForced) {
    std::string late = build(repo() + ":late");
    std::string other = build("");
    PrunePlan plan = manager->planPrune("local", only(PruneMode::Unused));
    ASSERT_EQ(ids(plan), sorted({late, other}));
    std::string c = containerFrom(late, false);  // between the preview and the prune

    PruneReport report = executePrune(*rt, plan);
    ASSERT_EQ(report.outcomes.size(), 2u);
    for (const auto& o : report.outcomes) {
        if (o.id == late) {
            EXPECT_FALSE(o.removed);
            EXPECT_NE(o.error.find(c.substr(0, 12)), std::string::npos) << "the engine's reason names the container: " << o.error;
        } else {
            EXPECT_TRUE(o.removed) << o.error;
        }
    }
    EXPECT_TRUE(exists(late));
    EXPECT_EQ(rt->inspectImage(late).repoTags, std::vector<std::string>{repo() + ":late"}) << "not even untagged";
    EXPECT_FALSE(exists(other));
}

TEST_F(ImageManagerTest, AParentPlannedBeforeItsChildGoesWithIt) {
    std::string parent = build(repo() + ":parent");
    auto dir = ctx.path() / "child";
    std::filesystem::create_directories(dir);
    test::writeFile(dir / "Dockerfile", "FROM " + repo() + ":parent\nCOPY Dockerfile /child\n");
    runtime::BuildRequest b;
    b.contextDir = dir;
    b.tags = {repo() + ":child"};
    b.labels = {{kOwnerLabel, app}, {"rivetr.test.group", "inside"}};
    std::string child = rt->build(b).imageId;

    PrunePlan plan = manager->planPrune("local", only(PruneMode::Unused));
    ASSERT_EQ(ids(plan), sorted({parent, child}));
    if (plan.remove[0].id != parent) std::swap(plan.remove[0], plan.remove[1]);  // the parent first: it cannot go yet
    PruneReport report = executePrune(*rt, plan);
    ASSERT_EQ(report.outcomes.size(), 2u);
    for (const auto& o : report.outcomes) {
        EXPECT_TRUE(o.removed) << o.id << ": " << o.error;
        EXPECT_TRUE(o.error.empty()) << o.error;
    }
    EXPECT_FALSE(exists(parent));
    EXPECT_FALSE(exists(child));
    EXPECT_EQ(report.removedSizeBytes, plan.sizeBytes);
}

TEST_F(ImageManagerTest, OnlyTheImagesTheUserConfirmedGo) {
    std::string confirmed = build("");
    std::string appearedSince = build("");
    PruneFilter f = only(PruneMode::Dangling);
    f.onlyIds = std::set<std::string>{confirmed};
    PruneReport report = manager->prune("local", f);
    ASSERT_EQ(report.outcomes.size(), 1u);
    EXPECT_EQ(report.outcomes[0].id, confirmed);
    EXPECT_FALSE(exists(confirmed));
    EXPECT_TRUE(exists(appearedSince));
}

TEST_F(ImageManagerTest, RemoveHistoryAndDiskUsageGoToTheNamedHost) {
    std::string image = build(repo() + ":v1");
    EXPECT_EQ(manager->history("local", repo() + ":v1").front().id, image);
    EXPECT_GE(manager->diskUsage("local").images.total, 1);
    containerFrom(image, false);
    EXPECT_THROW(manager->remove("local", repo() + ":v1", false), runtime::RuntimeError);
    EXPECT_EQ(manager->remove("local", repo() + ":v1", true).deleted.front(), image);
    EXPECT_THROW(manager->remove("nowhere", image, true), hosts::HostNotFound);
}

}  // namespace
}  // namespace rivetr::images
