// A lazily (re)connected container runtime: Rivetr keeps serving while the engine is down or not yet up.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>

#include "runtime/container_runtime.hpp"

namespace rivetr::server {

class RuntimeLink {
public:
    explicit RuntimeLink(runtime::RuntimeOptions options) : options_(std::move(options)) {}

    // The connected runtime, connecting first when needed (at most one attempt per retry
    // interval, so a dead engine costs nothing on hot paths). nullptr while unavailable.
    std::shared_ptr<runtime::ContainerRuntime> get();
    bool healthy();

private:
    runtime::RuntimeOptions options_;
    std::mutex mutex_;
    std::shared_ptr<runtime::ContainerRuntime> runtime_;
    std::chrono::steady_clock::time_point lastAttempt_{};
    bool attempted_ = false;
};

}  // namespace rivetr::server
