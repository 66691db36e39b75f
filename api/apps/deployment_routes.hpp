// Deployment routes: deploy or redeploy an app, list and read deployments, their logs, cancel and roll back.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "api/apps/apps_deps.hpp"
#include "api/http/route.hpp"
#include "api/apps/rollback_availability.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

std::vector<Route> deploymentRoutes(AppsDeps& ctx, engine::Engine& engine);

// Queues a redeploy of the app (Engine::redeploy, `beforeQueue` included), audited: `accepted` is the
// 202's body {deployment_id, status}, or `refused` the 409 naming why (no_live_deployment, image_removed).
struct RedeployStart {
    nlohmann::json accepted;
    std::optional<Reply> refused;
};
RedeployStart startRedeploy(AppsDeps& ctx, engine::Engine& engine, const store::AppRecord& app,
                            const RequestContext& rc, const std::function<void()>& beforeQueue = {});

// With `rollback`, the JSON says whether "roll back to this" may run (rollback_available); the
// streams' status events leave it out (it costs a question to the engine).
nlohmann::json deploymentToJson(const store::DeploymentRecord& d, RollbackAvailability* rollback = nullptr);

}  // namespace rivetr::api
