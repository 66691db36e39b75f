// The Docker manager's volume list: every volume on an engine joined with the containers that mount it, its size and its owner.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "runtime/container_runtime.hpp"

namespace rivetr::volumes {

// A container that mounts the volume, and where.
struct VolumeUser {
    std::string id, name, state, target;
    bool readOnly = false;
};

struct VolumeEntry {
    runtime::VolumeInfo volume;
    std::vector<VolumeUser> usedBy;  // every container that mounts it, running or not
    runtime::VolumeUsage usage;      // -1: the engine did not measure it
    // The Rivetr app the volume belongs to (its non-empty rivetr.app label): its data outlives deployments,
    // so the manager never removes it behind the app's back. appName is "" when unknown.
    std::string appId, appName;
    std::string stack;  // com.docker.compose.project, for a compose stack's volume
    bool inUse() const { return !usedBy.empty(); }
};

inline constexpr const char* kStackLabel = "com.docker.compose.project";

// Pure: joins by volume name (a container's volume mount names its volume). Keeps the volumes' order.
std::vector<VolumeEntry> joinVolumes(const std::vector<runtime::VolumeInfo>& volumes,
                                     const std::vector<runtime::ContainerSummary>& containers,
                                     const std::map<std::string, runtime::VolumeUsage>& usage);

// The engine's sizes by volume name; an engine that cannot measure them (it errs, or does not do it)
// leaves them unknown (empty) rather than failing the caller. An unreachable engine still throws.
std::map<std::string, runtime::VolumeUsage> measuredUsage(runtime::VolumeStore& rt);

// Every volume on `rt`, every container (stopped ones too) and, when `withUsage`, the engine's sizes
// (an engine that cannot measure them leaves every size unknown rather than failing the list).
std::vector<VolumeEntry> listVolumeEntries(runtime::ContainerRuntime& rt, bool withUsage);

}  // namespace rivetr::volumes
