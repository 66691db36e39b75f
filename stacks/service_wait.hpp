// Waiting for what a dependent needs of its dependency: running, healthy, or exited 0.
#pragma once

#include <chrono>
#include <string>

#include "runtime/cancel_token.hpp"
#include "runtime/container_lifecycle.hpp"
#include "stacks/compose_model.hpp"

namespace rivetr::stacks {

// Why a dependency did not become what its dependent waits for; the message names the service.
class DependencyFailed : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Polls the container (100 ms, then 250 ms) until it meets `condition`. Started: running (or exited 0,
// a one-shot job that already finished). Healthy: health "healthy"; "unhealthy", or exiting first,
// fails at once. CompletedSuccessfully: exited with 0; another exit code fails. Throws DependencyFailed
// at `timeout`, or runtime::RuntimeError{Cancelled} when `cancel` is set.
void waitForCondition(runtime::ContainerLifecycle& engine, const std::string& containerId, const std::string& service,
                      DependencyCondition condition, std::chrono::milliseconds timeout, const runtime::CancelToken& cancel);

}  // namespace rivetr::stacks
