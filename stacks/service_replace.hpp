// One service's container created or replaced, with the old one kept aside until the new one runs, and put back if it does not.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "runtime/cancel_token.hpp"
#include "runtime/container_runtime.hpp"
#include "stacks/service_plan.hpp"

namespace rivetr::stacks {

struct ReplaceOptions {
    std::chrono::seconds stopGrace{10};
    bool waitHealthy = false;  // the container has a healthcheck: it must report healthy before the old one goes
    std::chrono::milliseconds healthTimeout{120000};
    runtime::CancelToken cancel{};
};

// Creates the plan's container and starts it. When `old` is set (a container of the same name), it is
// stopped and renamed `<id12>_<name>` first (compose v2's name for a container being replaced), then
// removed once the new one runs (and is healthy when waitHealthy). On any failure the new container is
// removed and the old one gets its name back and runs again; the error is rethrown. Returns the new id.
std::string replaceService(runtime::ContainerRuntime& engine, const ServicePlan& plan,
                           const std::optional<runtime::ContainerSummary>& old, const ReplaceOptions& options);

// Whether `container` is one a replace set aside: named `<its id12>_<name>` (compose v2's convention).
bool isSetAside(const runtime::ContainerSummary& container);

// Finishes replaces a crash interrupted (SIGKILL of `rivetr serve` mid-deploy), from what the engine
// shows: for each project container named `<its id12>_<name>`, a running `<name>` means the replace
// succeeded (the old one is removed); otherwise the new one (if any) is removed and the old one is
// renamed back and started. Returns what it did, one line per container, for the log.
std::vector<std::string> recoverInterruptedReplaces(runtime::ContainerRuntime& engine, const std::string& project);

}  // namespace rivetr::stacks
