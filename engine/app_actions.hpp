// Start, stop, restart and recovery of an app's live container, run as engine jobs: serialised with its deployments.
#pragma once

#include "engine/deploy_queue.hpp"
#include "engine/engine_options.hpp"
#include "engine/pipeline.hpp"

namespace rivetr::engine {

class AppActions {
public:
    AppActions(EngineDeps deps, const EngineOptions& options) : deps_(deps), options_(options) {}

    // Runs the action job under its deadline, announces each step on the bus and sets
    // job.outcome. Never throws.
    void run(Job& job);
    // Publishes the job's status on the bus (DeploymentEvent with `action` set).
    void announce(const Job& job, const std::string& status, const std::string& error = {});

    // Queues a new deployment of `live`'s image (the engine's rerun) and returns its id: how a
    // recovery brings back a live container that was removed outside rivetr. Set by the engine.
    std::function<std::string(const store::DeploymentRecord& live)> recreate;

private:
    ActionOutcome perform(Job& job);
    void park(const store::AppRecord& app);
    ActionOutcome recover(Job& job, runtime::ContainerRuntime& rt, const store::AppRecord& app,
                          const std::string& deploymentId, const std::string& containerId);
    ActionOutcome recreateGone(runtime::ContainerRuntime& rt, const std::string& deploymentId,
                               const std::string& containerId);
    void routeWhenHealthy(Job& job, runtime::ContainerRuntime& rt, const store::AppRecord& app,
                          const std::string& deploymentId, const std::string& containerId);

    EngineDeps deps_;
    const EngineOptions& options_;
};

}  // namespace rivetr::engine
