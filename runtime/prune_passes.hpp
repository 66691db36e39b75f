// Removing a set of images one by one when an image built on another must go before it (Podman's prune by listing).
#pragma once

#include <functional>
#include <vector>

#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

// Tries `remove` on every image; one that refuses (false: in use, or the parent of an image still
// there) is tried again after a pass that removed something, so a child listed after its parent no
// longer keeps the parent (Podman reuses a cached build step as the next build's parent image, and
// lists the two in no guaranteed order). Stops when a pass removes nothing.
PruneResult removeInPasses(std::vector<ImageInfo> images, const std::function<bool(const ImageInfo&)>& remove);

}  // namespace rivetr::runtime
