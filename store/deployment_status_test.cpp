// Each deployment status has one name, read back as itself; the terminal ones are exactly those a deployment rests in.
#include "store/deployment_status.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rivetr::store {
namespace {

TEST(DeploymentStatus, EveryStatusHasOneNameThatReadsBackAsItself) {
    std::set<std::string> names;
    for (auto status : allDeploymentStatuses()) {
        auto name = std::string(statusName(status));
        EXPECT_TRUE(names.insert(name).second) << name << " is used twice";
        EXPECT_EQ(parseDeploymentStatus(name), status) << name;
    }
    EXPECT_EQ(names.size(), 11u);
    EXPECT_EQ(statusName(DeploymentStatus::RolledBack), "rolled_back");
    EXPECT_EQ(parseDeploymentStatus("Running"), std::nullopt) << "names are exact";
    EXPECT_EQ(parseDeploymentStatus(""), std::nullopt);
}

TEST(DeploymentStatus, TerminalAreTheStatusesOutOfThePipeline) {
    std::set<std::string> terminal;
    for (auto status : allDeploymentStatuses()) {
        if (isTerminal(status)) terminal.insert(std::string(statusName(status)));
    }
    EXPECT_EQ(terminal, (std::set<std::string>{"running", "failed", "cancelled", "replaced", "rolled_back"}));
    EXPECT_TRUE(isTerminalStatus("replaced"));
    EXPECT_FALSE(isTerminalStatus("checking"));
    EXPECT_FALSE(isTerminalStatus("done")) << "a name that is no status is not terminal";
}

}  // namespace
}  // namespace rivetr::store
