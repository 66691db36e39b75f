// The statuses a deployment goes through, named once: the engine writes them, the store keeps their
// names, the API documents them (OpenAPI, hence the dashboard's types) and the CLI colours them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace rivetr::store {

enum class DeploymentStatus {
    Pending,
    Cloning,
    Building,
    Starting,
    Checking,
    Switching,
    Running,     // live, or was until a newer one went live (then Replaced)
    Failed,      // never went live; no older version was live either
    Cancelled,   // by a user, a newer deployment or shutdown
    Replaced,    // was live; a newer deployment took over
    RolledBack,  // failed after its container started; the live version kept serving
};

// Every status in pipeline order.
const std::array<DeploymentStatus, 11>& allDeploymentStatuses();
// The stored and published name: "pending", …, "rolled_back".
std::string_view statusName(DeploymentStatus status);
std::optional<DeploymentStatus> parseDeploymentStatus(std::string_view name);

// Out of the pipeline: Running rests there (it may still become Replaced), the others are final.
bool isTerminal(DeploymentStatus status);
bool isTerminalStatus(std::string_view name);  // false for a name that is no status
// Whether a stored name is that status.
inline bool hasStatus(std::string_view name, DeploymentStatus status) { return name == statusName(status); }

}  // namespace rivetr::store
