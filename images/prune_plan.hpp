// The Docker manager's image prune: a plan computed from the listing (shown first as a dry run), then exactly its images removed.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "images/image_catalog.hpp"

namespace rivetr::images {

// dangling: images without a tag; unused: every image no container uses, tagged or not.
enum class PruneMode { Dangling, Unused };
std::optional<PruneMode> pruneModeFromString(const std::string& s);  // "dangling" | "unused"
const char* toString(PruneMode mode);

struct PruneFilter {
    PruneMode mode = PruneMode::Dangling;
    runtime::LabelFilter labels;  // only images carrying every one of these (empty: any)
    // Only these image ids, when given: what the user confirmed from the dry run. An image that newly
    // qualifies after the preview is not removed.
    std::optional<std::set<std::string>> onlyIds;
};

struct PruneCandidate {
    std::string id;
    std::vector<std::string> tags;
    std::int64_t sizeBytes = 0;
};

// An image the mode would take that stays, and why: the user would otherwise wonder.
struct KeptImage {
    std::string id;
    std::vector<std::string> tags;
    std::string reason;
};

struct PrunePlan {
    PruneMode mode = PruneMode::Dangling;
    std::vector<PruneCandidate> remove;
    std::vector<KeptImage> kept;
    // The listed sizes added up. Images can share layers, so the disk may gain less.
    std::int64_t sizeBytes = 0;
};

// Pure. Never plans an image a container uses (running or not), nor one Rivetr built (its deployments
// and rollbacks need it; the engine's cleanup owns it).
PrunePlan planPrune(const std::vector<ImageEntry>& entries, const PruneFilter& filter);

struct PruneOutcome {
    std::string id;
    bool removed = false;  // the image is gone
    std::vector<std::string> untagged, deleted;
    std::string error;     // the engine's reason when it refused (e.g. a container started using it since)
};

struct PruneReport {
    PrunePlan plan;
    std::vector<PruneOutcome> outcomes;  // one per planned image, in plan order
    std::int64_t removedSizeBytes = 0;   // listed sizes of the images that went
};

// Removes exactly the plan's images and nothing else: each by its tags, then (untagged ones) by id, never
// forced, so the engine still refuses an image a container started using after the plan. A refusal
// is that image's outcome; the others go on. A planned parent of another planned image counts as
// removed when the engine deletes it with its child, or goes in a later pass once it has no tag left.
PruneReport executePrune(runtime::ImageStore& store, const PrunePlan& plan);

}  // namespace rivetr::images
