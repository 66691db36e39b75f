// A stack's lifecycle on one engine: deploy/update (recreating only what changed), start, stop, restart and down, natively over the Engine API.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/cancel_token.hpp"
#include "runtime/container_runtime.hpp"
#include "stacks/compose_model.hpp"
#include "stacks/service_plan.hpp"

namespace rivetr::stacks {

struct DeployOptions {
    bool pull = false;                    // pull & redeploy: registry images pulled again, built ones rebuilt
    std::optional<std::string> service{};  // only this service (its dependencies must already run)
    std::chrono::milliseconds readyTimeout{120000};  // per dependency wait and per health gate
    std::chrono::seconds stopGrace{10};
    // Judges every service's create body before anything is created (the container policy); throws to refuse.
    std::function<void(const ServicePlan&)> checkPolicy{};
    std::function<void(const std::string&)> onProgress{};
    runtime::CancelToken cancel{};
};

enum class ServiceOutcome { Created, Recreated, Restarted, Started, Unchanged };
const char* outcomeName(ServiceOutcome o);

struct ServiceResult {
    std::string service, containerName, containerId;
    ServiceOutcome outcome = ServiceOutcome::Unchanged;
};

struct DeployResult {
    std::vector<ServiceResult> services;  // in start order
    std::vector<std::string> removedOrphans;  // containers of services the file no longer has
    std::vector<std::string> recovered;       // replaces a crash had interrupted, finished first
};

// A deploy that stopped: which service and why. Services replaced before it keep their new version;
// the failed one and those after it keep their previous one (running where it ran).
class StackDeployFailed : public std::runtime_error {
public:
    StackDeployFailed(std::string service, const std::string& message)
        : std::runtime_error(service.empty() ? message : "service \"" + service + "\": " + message), service_(std::move(service)) {}
    const std::string& service() const { return service_; }

private:
    std::string service_;
};

struct DownResult {
    std::vector<std::string> removedContainers, removedNetworks, removedVolumes, keptVolumes;
};

// Not thread-safe per project: the caller serialises operations on one stack (the engine's calls are).
class StackDeployer {
public:
    explicit StackDeployer(runtime::ContainerRuntime& engine) : engine_(engine) {}

    // Validation-level refusals (images, externals, policy, a service_healthy dependency without a
    // healthcheck) are thrown before any container, network or volume is created.
    DeployResult deploy(const ComposeProject& project, const DeployOptions& options);

    // The project's containers by label, so these work for stacks started elsewhere too. `service`
    // empty: all of them, started in dependency order (from compose's depends_on label), stopped in reverse.
    std::vector<std::string> start(const std::string& project, const std::string& service = {});
    std::vector<std::string> stop(const std::string& project, const std::string& service = {}, std::chrono::seconds grace = std::chrono::seconds(10));
    std::vector<std::string> restart(const std::string& project, const std::string& service = {}, std::chrono::seconds grace = std::chrono::seconds(10));
    // Containers and networks; named volumes only with `removeVolumes` (otherwise listed as kept).
    DownResult down(const std::string& project, bool removeVolumes, std::chrono::seconds grace = std::chrono::seconds(10));

private:
    runtime::ContainerRuntime& engine_;
};

}  // namespace rivetr::stacks
