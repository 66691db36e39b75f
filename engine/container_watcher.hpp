// Follows the container engine's event stream for Rivetr's containers, and reconnects when the engine goes away.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/non_copyable.hpp"
#include "runtime/container_runtime.hpp"

namespace rivetr::engine {

// One thread. Each time it (re)connects it calls onConnected first: events sent while nobody
// listened (a dockerd restart, Rivetr's own start) are lost, so the caller re-syncs with what the
// engine runs. Then every container event of a Rivetr container goes to onEvent, on this thread.
class ContainerWatcher : NonCopyable {
public:
    using RuntimeGetter = std::function<std::shared_ptr<runtime::ContainerRuntime>()>;
    ContainerWatcher(RuntimeGetter runtime, std::function<void(const runtime::Event&)> onEvent,
                     std::function<void()> onConnected);
    ~ContainerWatcher();  // ends the stream and joins

    void start();
    // How many times the stream was (re)opened; tests wait on it.
    int connections() const { return connections_.load(); }

private:
    void loop();
    void pause(std::chrono::milliseconds d);

    RuntimeGetter runtime_;
    std::function<void(const runtime::Event&)> onEvent_;
    std::function<void()> onConnected_;
    runtime::CancelToken cancel_;
    std::atomic<int> connections_{0};
    std::thread thread_;
};

}  // namespace rivetr::engine
