// Deployment routes: deploy an app, list and read deployments, their logs, cancel and roll back.
#pragma once

#include <vector>

#include "api/api_context.hpp"
#include "api/rollback_availability.hpp"
#include "engine/engine.hpp"

namespace rivetr::api {

std::vector<Route> deploymentRoutes(ApiContext& ctx, engine::Engine& engine);

// With `rollback`, the JSON says whether "roll back to this" may run (rollback_available); the
// streams' status events leave it out (it costs a question to the engine).
nlohmann::json deploymentToJson(const store::DeploymentRecord& d, RollbackAvailability* rollback = nullptr);

}  // namespace rivetr::api
