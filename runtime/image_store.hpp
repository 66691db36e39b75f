// The runtime seam's image role: builds and the images they leave, and every image on the engine for the Docker manager.
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
    // Without `force` the engine refuses (Conflict, its reason verbatim) while a container uses the
    // image; with it, a stopped container's image goes too (a running one's never does).
    virtual ImageRemoval removeImage(const std::string& ref, bool force = false) = 0;
    // The engine's own cleanup: removes unused images carrying every label in `labels`. An empty filter
    // is replaced by rivetr.managed=true: Rivetr never prunes images it did not build (coolify#11582).
    // The Docker manager never calls this; its prune removes a listed plan image by image (images/).
    virtual PruneResult pruneImages(const LabelFilter& labels = {}) = 0;

    // The Docker manager's view, for explicit user actions: every image on the engine, whoever made it
    // (top-level images, not the intermediate layers of local builds).
    virtual std::vector<ImageInfo> listAllImages() = 0;
    // Pulls from a registry, reporting each progress line as it arrives. An error the engine reports
    // inside its stream (the reply is 200 by then) throws like a refused request; ImageNotFound when
    // the registry has no such image.
    virtual PullResult pullImage(const PullRequest& request) = 0;
    virtual std::vector<ImageLayer> imageHistory(const std::string& ref) = 0;
};

}  // namespace rivetr::runtime
