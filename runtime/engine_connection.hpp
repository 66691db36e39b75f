// The runtime seam's engine role: is the engine there, what is it, and what happens in it (events).
#pragma once

#include <chrono>
#include <functional>

#include "runtime/cancel_token.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

class EngineConnection {
public:
    virtual ~EngineConnection() = default;

    // Cheap and never throws: for GET /health ("runtime: ok|unavailable").
    virtual PingResult ping(std::chrono::milliseconds timeout = std::chrono::milliseconds(1000)) noexcept = 0;
    virtual EngineVersion version() = 0;
    virtual EngineInfo info() = 0;
    virtual EngineKind kind() const = 0;
    // What images, containers, volumes and the build cache take on disk (GET /system/df). Slow on an
    // engine with big volumes: the engine measures them.
    virtual DiskUsage diskUsage() = 0;
    // Blocks delivering events until `cancel` (then throws Cancelled) or the engine ends the stream.
    // An empty `labels` filters nothing: every event of the engine (start, die, oom, health_status ...).
    virtual void events(const LabelFilter& labels, const std::function<void(const Event&)>& onEvent,
                        const CancelToken& cancel) = 0;
};

}  // namespace rivetr::runtime
