// One deployment from pending to running: clone, build, start, health gate, switch — or a clean failure.
#pragma once

#include <functional>
#include <memory>

#include "builders/registry.hpp"
#include "core/git/source.hpp"
#include "engine/deploy_queue.hpp"
#include "engine/deployment_events.hpp"
#include "engine/engine_options.hpp"
#include "engine/port_allocator.hpp"
#include "engine/retirer.hpp"
#include "engine/traffic.hpp"
#include "runtime/container_runtime.hpp"
#include "store/app_repository.hpp"
#include "store/app_state_repository.hpp"
#include "store/deployment_repository.hpp"
#include "store/env_repository.hpp"

namespace rivetr::engine {

// The trigger of a redeploy: the live image again with the app's current environment and settings.
inline constexpr const char* kRedeployTrigger = "redeploy";
// The trigger of the redeploy the engine starts itself when the live container was removed outside rivetr.
inline constexpr const char* kRecoverTrigger = "recover";
// Both run the live image again with the app's current environment, and wait their turn.
inline bool runsLiveImageAgain(const std::string& trigger) {
    return trigger == kRedeployTrigger || trigger == kRecoverTrigger;
}

struct EngineDeps {
    store::AppRepository& apps;         // read only: settings are the API's
    store::AppStateRepository& appState;  // live deployment, stopped: the engine's alone
    store::EnvRepository& env;
    store::DeploymentRepository& deployments;
    git::Source& source;
    const builders::BuilderRegistry& builders;
    std::function<std::shared_ptr<runtime::ContainerRuntime>()> runtime;  // nullptr while the engine is down
    Traffic& traffic;
    DeploymentEvents& events;
};

class Pipeline {
public:
    Pipeline(EngineDeps deps, const EngineOptions& options, Retirer& retirer, PortAllocator& ports)
        : deps_(deps), options_(options), retirer_(retirer), ports_(ports) {}

    // Runs the job to a terminal status. Never throws: every failure ends up in the deployment.
    void run(Job& job);

    // Moves a deployment to `status`, persisted first, then announced on the bus.
    void setStatus(const std::string& deploymentId, const std::string& appId, store::DeploymentStatus status,
                   const std::optional<std::string>& error = {});

private:
    struct Run;
    void reuseImage(Run& r);
    void followLive(Run& r);
    void clone(Run& r);
    void build(Run& r);
    void start(Run& r);
    void runOnAssignedPort(Run& r, runtime::ContainerSpec& spec);
    void check(Run& r);
    void switchOver(Run& r);
    void discardNewContainer(Run& r);
    std::optional<std::string> exitReport(Run& r, const runtime::ContainerState* seen = nullptr);
    void cleanUp(const std::string& appId);
    bool diskPressure() const;

    EngineDeps deps_;
    const EngineOptions& options_;
    Retirer& retirer_;
    PortAllocator& ports_;
};

}  // namespace rivetr::engine
