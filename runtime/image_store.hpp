// The runtime seam's image role: builds and the images they leave (list, inspect, tag, remove, prune).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

class ImageStore {
public:
    virtual ~ImageStore() = default;

    // The context directory is streamed as tar (honouring .dockerignore, without .git).
    virtual BuildResult build(const BuildRequest& request) = 0;
    virtual std::vector<ImageInfo> listImages(const LabelFilter& labels) = 0;
    virtual ImageInfo inspectImage(const std::string& ref) = 0;
    // The engine's inspect document of an image: an edit tells what a container set itself from what
    // it inherited from its image (env, cmd, labels, healthcheck) by comparing with its Config.
    virtual nlohmann::json inspectImageJson(const std::string& ref) = 0;
    virtual void tagImage(const std::string& ref, const std::string& repo, const std::string& tag) = 0;
    virtual void removeImage(const std::string& ref, bool force = false) = 0;
    // Removes unused images carrying every label in `labels`. An empty filter is replaced by
    // rivetr.managed=true: Rivetr never prunes images it did not build (coolify#11582).
    virtual PruneResult pruneImages(const LabelFilter& labels = {}) = 0;
};

}  // namespace rivetr::runtime
