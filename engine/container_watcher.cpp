// Follows the container engine's event stream for Rivetr's containers, and reconnects when the engine goes away.
#include "engine/container_watcher.hpp"

#include "core/log.hpp"
#include "runtime/naming.hpp"

namespace rivetr::engine {

ContainerWatcher::ContainerWatcher(RuntimeGetter runtime, std::function<void(const runtime::Event&)> onEvent,
                                   std::function<void()> onConnected)
    : runtime_(std::move(runtime)), onEvent_(std::move(onEvent)), onConnected_(std::move(onConnected)) {}

ContainerWatcher::~ContainerWatcher() {
    cancel_.cancel();
    if (thread_.joinable()) thread_.join();
}

void ContainerWatcher::start() { thread_ = std::thread([this] { loop(); }); }

void ContainerWatcher::pause(std::chrono::milliseconds d) {
    auto end = std::chrono::steady_clock::now() + d;
    while (!cancel_.cancelled() && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

// Back-off from 250 ms to 5 s while the engine is away; reset once a stream was open.
void ContainerWatcher::loop() {
    auto backoff = std::chrono::milliseconds(250);
    while (!cancel_.cancelled()) {
        auto rt = runtime_();
        if (rt && rt->ping(std::chrono::milliseconds(1000)).ok) {
            ++connections_;
            log::info("engine.watch_connected", {{"connection", std::to_string(connections_.load())}});
            backoff = std::chrono::milliseconds(250);
            try {
                onConnected_();
                rt->events(runtime::rivetrFilter(), [&](const runtime::Event& e) {
                    if (e.type == "container") onEvent_(e);
                }, cancel_);
            } catch (const runtime::RuntimeError& e) {
                if (e.kind() == runtime::ErrorKind::Cancelled || cancel_.cancelled()) return;
                log::warn("engine.watch_lost", {{"error", e.what()}});
            } catch (const std::exception& e) {
                log::warn("engine.watch_lost", {{"error", e.what()}});
            }
        }
        pause(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
}

}  // namespace rivetr::engine
