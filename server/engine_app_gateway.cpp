// The Docker manager's way to an app's own start/stop/restart, through the engine's action jobs.
#include "server/engine_app_gateway.hpp"

#include <future>
#include <stdexcept>

#include "containers/container_error.hpp"

namespace rivetr::server {

using containers::ContainerError;

std::string EngineAppGateway::appName(const std::string& appId) {
    auto app = apps_.find(appId);
    return app ? app->name : "";
}

void EngineAppGateway::act(const std::string& appId, containers::AppVerb verb) {
    auto action = verb == containers::AppVerb::Start  ? engine::AppAction::Start
                  : verb == containers::AppVerb::Stop ? engine::AppAction::Stop
                                                      : engine::AppAction::Restart;
    engine::ActionTicket ticket;
    try {
        ticket = engine_.act(appId, action);
    } catch (const std::invalid_argument& e) {
        throw ContainerError(404, "app_not_found", e.what());
    }
    if (ticket.done.wait_for(wait_) != std::future_status::ready)
        throw ContainerError(504, "app_action_pending", "the app's " + std::string(engine::actionName(action)) +
                                                            " (job " + ticket.id + ") is still running");
    engine::ActionOutcome outcome;
    try {
        outcome = ticket.done.get();
    } catch (const std::future_error&) {
        throw ContainerError(503, "engine_stopping", "rivetr is stopping: the app's action did not run");
    }
    if (!outcome.ok) throw ContainerError(409, outcome.code, outcome.error);
}

}  // namespace rivetr::server
