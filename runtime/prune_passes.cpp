// Removing a set of images one by one when an image built on another must go before it (Podman's prune by listing).
#include "runtime/prune_passes.hpp"

namespace rivetr::runtime {

PruneResult removeInPasses(std::vector<ImageInfo> images, const std::function<bool(const ImageInfo&)>& remove) {
    PruneResult r;
    for (bool progress = true; progress && !images.empty();) {
        progress = false;
        std::vector<ImageInfo> refused;
        for (auto& image : images) {
            if (!remove(image)) {
                refused.push_back(std::move(image));
                continue;
            }
            r.deleted.push_back(image.id);
            r.spaceReclaimedBytes += static_cast<std::uint64_t>(image.sizeBytes);
            progress = true;
        }
        images = std::move(refused);
    }
    return r;
}

}  // namespace rivetr::runtime
