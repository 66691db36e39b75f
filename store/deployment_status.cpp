// The statuses a deployment goes through, named once.
#include "store/deployment_status.hpp"

namespace rivetr::store {

namespace {

using enum DeploymentStatus;
constexpr std::array<DeploymentStatus, 11> kAll{Pending,  Cloning, Building,  Starting, Checking,  Switching,
                                                Running,  Failed,  Cancelled, Replaced, RolledBack};
constexpr std::array<std::string_view, 11> kNames{"pending", "cloning", "building",  "starting", "checking",   "switching",
                                                  "running", "failed",  "cancelled", "replaced", "rolled_back"};

}  // namespace

const std::array<DeploymentStatus, 11>& allDeploymentStatuses() { return kAll; }

std::string_view statusName(DeploymentStatus status) { return kNames.at(static_cast<std::size_t>(status)); }

std::optional<DeploymentStatus> parseDeploymentStatus(std::string_view name) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) return kAll[i];
    }
    return std::nullopt;
}

bool isTerminal(DeploymentStatus status) {
    return status == Running || status == Failed || status == Cancelled || status == Replaced || status == RolledBack;
}

bool isTerminalStatus(std::string_view name) {
    auto status = parseDeploymentStatus(name);
    return status && isTerminal(*status);
}

}  // namespace rivetr::store
