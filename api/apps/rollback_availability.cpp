// Which deployments "roll back to this" may run: their image passed its health check and is still on the engine.
#include "api/apps/rollback_availability.hpp"

#include "core/log.hpp"
#include "runtime/naming.hpp"
#include "runtime/runtime_error.hpp"
#include "store/deployment_status.hpp"

namespace rivetr::api {

bool passedHealthCheck(const store::DeploymentRecord& d) {
    // Only a deployment that passed the gate is switched to; "rolled_back" and "failed" never were.
    using enum store::DeploymentStatus;
    return store::hasStatus(d.status, Running) || store::hasStatus(d.status, Replaced);
}

const std::optional<std::set<std::string>>& RollbackAvailability::images() {
    if (loaded_) return images_;
    loaded_ = true;
    auto rt = runtime_ ? runtime_() : nullptr;
    if (!rt) return images_;
    try {
        std::set<std::string> refs;
        for (const auto& image : rt->listImages(runtime::rivetrFilter())) {
            for (const auto& tag : image.repoTags) {
                refs.insert(tag);
                // Podman names a local image "localhost/rivetr/app:dep"; the store keeps "rivetr/app:dep".
                if (tag.rfind("localhost/", 0) == 0) refs.insert(tag.substr(10));
            }
        }
        images_ = std::move(refs);
    } catch (const runtime::RuntimeError& e) {
        log::warn("api.image_list_failed", {{"error", e.what()}});
    }
    return images_;
}

std::optional<std::string> RollbackAvailability::refusal(const store::DeploymentRecord& d) {
    if (!d.image) return "deployment " + d.id + " never built an image to roll back to";
    if (!passedHealthCheck(d)) {
        return "deployment " + d.id + " never passed its health check (it is " + d.status +
               "); roll back to one that went live";
    }
    const auto& refs = images();
    if (refs && !refs->count(*d.image)) {
        return "the image of " + d.id + " (" + *d.image + ") was pruned; deploy that commit again instead";
    }
    return std::nullopt;
}

bool RollbackAvailability::available(const store::DeploymentRecord& d) {
    return !refusal(d) && images().has_value();
}

}  // namespace rivetr::api
