// Which deployments "roll back to this" may run: their image passed its health check and is still on the engine.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "runtime/container_runtime.hpp"
#include "store/deployment_repository.hpp"

namespace rivetr::api {

// One per request: the engine's image list is read once, on the first deployment that needs it.
class RollbackAvailability {
public:
    using RuntimeFn = std::function<std::shared_ptr<runtime::ContainerRuntime>()>;
    explicit RollbackAvailability(RuntimeFn runtime) : runtime_(std::move(runtime)) {}

    // Why a rollback to `d` would not run, or nullopt when it would. An unreachable engine is not
    // a reason here: the rollback's deployment reports it like any other.
    std::optional<std::string> refusal(const store::DeploymentRecord& d);
    // For the deployment JSON: false also while the engine is unreachable (nothing could run).
    bool available(const store::DeploymentRecord& d);

private:
    // The image refs Rivetr's images carry; nullopt while the engine cannot be asked.
    const std::optional<std::set<std::string>>& images();
    RuntimeFn runtime_;
    bool loaded_ = false;
    std::optional<std::set<std::string>> images_;
};

// The deployment went live: it passed its health check ("running" now or "replaced" later).
bool passedHealthCheck(const store::DeploymentRecord& d);

}  // namespace rivetr::api
