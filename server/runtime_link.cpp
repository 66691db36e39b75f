// A lazily (re)connected container runtime: Rivetr keeps serving while the engine is down or not yet up.
#include "server/runtime_link.hpp"

#include "core/log.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::server {

std::shared_ptr<runtime::ContainerRuntime> RuntimeLink::get() {
    std::lock_guard lock(mutex_);
    if (runtime_) return runtime_;
    auto now = std::chrono::steady_clock::now();
    if (attempted_ && now - lastAttempt_ < std::chrono::seconds(5)) return nullptr;
    attempted_ = true;
    lastAttempt_ = now;
    try {
        runtime_ = runtime::connectRuntime(options_);
        log::info("runtime.connected");
    } catch (const std::exception& e) {
        log::warn("runtime.unavailable", {{"error", e.what()}});
    }
    return runtime_;
}

bool RuntimeLink::healthy() {
    auto rt = get();
    return rt && rt->ping(std::chrono::milliseconds(1000)).ok;
}

}  // namespace rivetr::server
