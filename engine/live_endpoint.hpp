// The proof, asked of the engine, that a container is an app's live container and where it is reached.
#pragma once

#include <string>

#include "runtime/container_lifecycle.hpp"
#include "store/records.hpp"

namespace rivetr::engine {

struct LiveEndpoint {
    int hostPort = 0;     // 0: not to be routed, see problem
    bool running = false;  // the container runs (it may still fail the identity check)
    std::string problem;  // "container 3f2a… is not running (exited with code 137)"
    runtime::ContainerState state;  // as the engine reported it, e.g. "restarting" with the exit code
};

// A route is derived from the container's identity, never from a port remembered from before:
// `containerId` must run, carry this app's and this deployment's labels, and be published for the
// app's port on the host port its label records (a container from before Rivetr assigned ports:
// on whatever port it is published now). Throws RuntimeError when the engine cannot be asked.
LiveEndpoint verifyLiveContainer(runtime::ContainerLifecycle& rt, const std::string& containerId,
                                 const store::AppRecord& app, const std::string& deploymentId);

}  // namespace rivetr::engine
