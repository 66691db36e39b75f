// The runtime seam's engine role: is the engine there, what is it, and what happens in it (events).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "runtime/cancel_token.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

// How watchEvents follows the engine's event stream.
struct EventWatch {
    LabelFilter labels;  // empty: every event
    // Replays the events the engine still holds from this moment (its clock, Unix seconds) before the
    // live ones: closes the moment between the engine accepting the stream and subscribing it.
    std::optional<std::int64_t> sinceUnixSeconds;
    // Called once the engine has accepted the stream (its answer's headers arrived): the events that
    // follow are every event from then on. Exceptions from it end the stream and are rethrown.
    std::function<void()> onOpen;
};

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
    // events() that also says when the stream is open and can replay from a moment: for a cache that
    // must know from when on no change escapes it.
    virtual void watchEvents(const EventWatch& watch, const std::function<void(const Event&)>& onEvent,
                             const CancelToken& cancel) = 0;
};

}  // namespace rivetr::runtime
