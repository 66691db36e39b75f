// The volume prune plan: only unused volumes, never an app's, and with a confirmation exactly the confirmed ones still unused.
#include "volumes/volume_prune.hpp"

#include <gtest/gtest.h>

namespace rivetr::volumes {
namespace {

VolumeEntry entry(const std::string& name, bool used, const std::string& app = "") {
    VolumeEntry e;
    e.volume.name = name;
    if (used) e.usedBy.push_back({"c0ffee", "web", "running", "/data", false});
    e.appId = app;
    e.appName = app.empty() ? "" : "shop";
    e.usage.sizeBytes = 42;
    return e;
}

std::vector<std::string> names(const VolumePrunePlan& p) {
    std::vector<std::string> out;
    for (const auto& c : p.remove) out.push_back(c.name);
    return out;
}

TEST(VolumePrunePlan, OnlyUnusedVolumesAndNeverAnApps) {
    auto plan = planVolumePrune({entry("old", false), entry("live", true), entry("appdata", false, "app_1")}, std::nullopt);
    EXPECT_EQ(names(plan), std::vector<std::string>{"old"});
    EXPECT_EQ(plan.remove[0].sizeBytes, 42);
    ASSERT_EQ(plan.kept.size(), 1u);
    EXPECT_EQ(plan.kept[0].name, "appdata");
    EXPECT_NE(plan.kept[0].reason.find("shop"), std::string::npos) << plan.kept[0].reason;
}

// What the user confirmed from the dry run, and nothing that qualified since; a confirmed volume now
// mounted or gone is kept with its reason.
TEST(VolumePrunePlan, AConfirmationRemovesExactlyTheConfirmedStillUnused) {
    std::set<std::string> confirmed{"old", "nowused", "vanished"};
    auto plan = planVolumePrune({entry("old", false), entry("nowused", true), entry("newlyunused", false)}, confirmed);
    EXPECT_EQ(names(plan), std::vector<std::string>{"old"});
    ASSERT_EQ(plan.kept.size(), 2u);
    EXPECT_EQ(plan.kept[0].name, "nowused");
    EXPECT_NE(plan.kept[0].reason.find("web"), std::string::npos);
    EXPECT_EQ(plan.kept[1].reason, "no longer exists");
}

}  // namespace
}  // namespace rivetr::volumes
