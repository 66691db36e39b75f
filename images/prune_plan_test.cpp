// Prune plans from a listing: which images each mode takes, which it keeps and why, and the user's confirmed subset.
#include "images/prune_plan.hpp"

#include <gtest/gtest.h>

namespace rivetr::images {
namespace {

runtime::ImageInfo image(const std::string& id, std::vector<std::string> tags, runtime::Labels labels = {}, std::int64_t size = 10) {
    runtime::ImageInfo i;
    i.id = id;
    i.repoTags = std::move(tags);
    i.dangling = i.repoTags.empty();
    i.labels = std::move(labels);
    i.sizeBytes = size;
    return i;
}

runtime::ContainerSummary container(const std::string& id, const std::string& name, const std::string& imageId) {
    runtime::ContainerSummary c;
    c.id = id;
    c.name = name;
    c.imageId = imageId;
    c.state = "exited";
    return c;
}

// One of each kind: dangling unused, dangling used by a stopped container, tagged unused, tagged used,
// and an old deployment image Rivetr built (unused, kept for rollback).
std::vector<ImageEntry> engine() {
    return joinImagesAndContainers(
        {image("sha256:d1", {}, {}, 100), image("sha256:d2", {}), image("sha256:t1", {"web:1"}, {{"team", "a"}}, 1000),
         image("sha256:t2", {"web:2"}), image("sha256:r1", {"rivetr/app_x:dep_1"}, {{"rivetr.managed", "true"}, {"rivetr.app", "app_x"}})},
        {container("c1", "old-worker", "sha256:d2"), container("c2", "web", "sha256:t2")});
}

std::vector<std::string> ids(const PrunePlan& p) {
    std::vector<std::string> out;
    for (const auto& c : p.remove) out.push_back(c.id);
    return out;
}

TEST(ImageCatalog, JoinsContainersByImageIdAndMarksRivetrsImages) {
    auto entries = engine();
    ASSERT_EQ(entries.size(), 5u);
    EXPECT_FALSE(entries[0].inUse());
    ASSERT_EQ(entries[1].usedBy.size(), 1u);
    EXPECT_EQ(entries[1].usedBy[0].name, "old-worker");
    EXPECT_EQ(entries[1].usedBy[0].state, "exited");
    EXPECT_TRUE(entries[4].managed);
    EXPECT_EQ(entries[4].app, "app_x");
    EXPECT_FALSE(entries[2].managed);
}

TEST(PrunePlan, DanglingTakesOnlyUntaggedImagesNoContainerUses) {
    PrunePlan p = planPrune(engine(), {PruneMode::Dangling, {}, {}});
    EXPECT_EQ(ids(p), std::vector<std::string>{"sha256:d1"});
    EXPECT_EQ(p.sizeBytes, 100);
    ASSERT_EQ(p.kept.size(), 1u);
    EXPECT_EQ(p.kept[0].id, "sha256:d2");
    EXPECT_EQ(p.kept[0].reason, "used by container old-worker") << "a stopped container still holds its image";
}

TEST(PrunePlan, UnusedTakesTaggedImagesTooButNeverRivetrsOrUsedOnes) {
    PrunePlan p = planPrune(engine(), {PruneMode::Unused, {}, {}});
    EXPECT_EQ(ids(p), (std::vector<std::string>{"sha256:d1", "sha256:t1"}));
    EXPECT_EQ(p.remove[1].tags, std::vector<std::string>{"web:1"});
    EXPECT_EQ(p.sizeBytes, 1100);
    ASSERT_EQ(p.kept.size(), 3u);
    EXPECT_EQ(p.kept[1].reason, "used by container web");
    EXPECT_EQ(p.kept[2].id, "sha256:r1");
    EXPECT_EQ(p.kept[2].reason, "built by Rivetr for app app_x") << "its rollback needs it";
}

TEST(PrunePlan, LabelsAndTheConfirmedIdsNarrowThePlan) {
    EXPECT_EQ(ids(planPrune(engine(), {PruneMode::Unused, {{"team", "a"}}, {}})), std::vector<std::string>{"sha256:t1"});
    EXPECT_EQ(ids(planPrune(engine(), {PruneMode::Unused, {{"team", ""}}, {}})), std::vector<std::string>{"sha256:t1"});
    EXPECT_TRUE(planPrune(engine(), {PruneMode::Unused, {{"team", "b"}}, {}}).remove.empty());
    // The user confirmed d1 and t2 from an earlier preview: t2 is used now, so only d1 goes; t1 was
    // never confirmed, so it stays although it qualifies.
    PrunePlan p = planPrune(engine(), {PruneMode::Unused, {}, std::set<std::string>{"sha256:d1", "sha256:t2"}});
    EXPECT_EQ(ids(p), std::vector<std::string>{"sha256:d1"});
    ASSERT_EQ(p.kept.size(), 1u);
    EXPECT_EQ(p.kept[0].id, "sha256:t2");
}

TEST(PrunePlan, ModesParseFromTheirNamesOnly) {
    EXPECT_EQ(pruneModeFromString("dangling"), PruneMode::Dangling);
    EXPECT_EQ(pruneModeFromString("unused"), PruneMode::Unused);
    EXPECT_FALSE(pruneModeFromString("all"));
    EXPECT_FALSE(pruneModeFromString(""));
    EXPECT_STREQ(toString(PruneMode::Unused), "unused");
}

}  // namespace
}  // namespace rivetr::images
