// The Docker manager's image list: every image on an engine joined with the containers that use it.
#pragma once

#include <string>
#include <vector>

#include "runtime/container_runtime.hpp"

namespace rivetr::images {

struct ContainerRef {
    std::string id, name, state;
};

struct ImageEntry {
    runtime::ImageInfo image;
    std::vector<ContainerRef> usedBy;  // every container whose image id this is, running or not
    // Built by Rivetr (rivetr.managed=true): its app's deployments and rollbacks depend on it, and the
    // engine's own cleanup owns it, so the manager's prune leaves it alone. `app` is its rivetr.app.
    bool managed = false;
    std::string app;
    bool inUse() const { return !usedBy.empty(); }
};

// Joins by image id (a container keeps running its image id after the tag it named moved on). Keeps
// the images' order.
std::vector<ImageEntry> joinImagesAndContainers(const std::vector<runtime::ImageInfo>& images,
                                                const std::vector<runtime::ContainerSummary>& containers);

// Lists every image on `rt` and every container (stopped ones too) and joins them.
std::vector<ImageEntry> listImageEntries(runtime::ContainerRuntime& rt);

}  // namespace rivetr::images
