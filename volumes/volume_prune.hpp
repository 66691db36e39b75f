// The Docker manager's volume prune: a plan of the unused volumes (shown first as a dry run), then exactly those removed.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "volumes/volume_catalog.hpp"

namespace rivetr::volumes {

struct PruneCandidate {
    std::string name;
    std::int64_t sizeBytes = -1;  // -1: unknown
};

// A volume the user might expect to go that stays, and why.
struct KeptVolume {
    std::string name, reason;
};

struct VolumePrunePlan {
    std::vector<PruneCandidate> remove;
    std::vector<KeptVolume> kept;
};

// Pure. Plans every volume no container mounts (running or stopped), except an app's (its data
// outlives deployments). With `confirmed` (the names the user saw in the dry run) only those: a volume
// that became unused after the preview is not removed, and a confirmed one a container mounts now,
// or that is gone, is kept with its reason.
VolumePrunePlan planVolumePrune(const std::vector<VolumeEntry>& entries, const std::optional<std::set<std::string>>& confirmed);

struct VolumePruneOutcome {
    std::string name;
    bool removed = false;
    std::string error;  // the engine's refusal (e.g. a container started mounting it since the plan)
};

// Removes exactly the plan's volumes, never forced, so the engine still refuses one a container
// mounted after the plan; a refusal is that volume's outcome and the others go on.
std::vector<VolumePruneOutcome> executeVolumePrune(runtime::VolumeStore& store, const VolumePrunePlan& plan);

}  // namespace rivetr::volumes
