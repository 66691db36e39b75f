// The Docker manager's way to an app's own start/stop/restart: containers::AppGateway on the engine's action jobs.
#pragma once

#include <chrono>

#include "containers/app_gateway.hpp"
#include "engine/engine.hpp"
#include "store/app_repository.hpp"

namespace rivetr::server {

// A stop of an app's container from the manager is the app's stop (Engine::act): queued in the app's
// turn, so it never races a deployment, and recorded as the app's state, so the supervisor does not
// "recover" a container the user meant to stop.
class EngineAppGateway : public containers::AppGateway {
public:
    EngineAppGateway(engine::Engine& engine, store::AppRepository& apps,
                     std::chrono::milliseconds wait = std::chrono::minutes(5))
        : engine_(engine), apps_(apps), wait_(wait) {}

    std::string appName(const std::string& appId) override;
    // Waits for the job; its refusal becomes 409 with the job's code (not_deployed, start_failed,
    // unhealthy ...), an unknown app 404, a job still running after `wait` 504.
    void act(const std::string& appId, containers::AppVerb verb) override;

private:
    engine::Engine& engine_;
    store::AppRepository& apps_;
    std::chrono::milliseconds wait_;
};

}  // namespace rivetr::server
