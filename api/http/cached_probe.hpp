// Remembers a health probe's answer for a few seconds, so /health never waits on a slow engine twice.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

namespace rivetr::api {

// T: what the probe answers (bool for the engine, a DiskReport for the data directory).
template <typename T = bool>
class CachedProbe {
public:
    CachedProbe(std::function<T()> probe, std::chrono::milliseconds ttl) : probe_(std::move(probe)), ttl_(ttl) {}

    T operator()() {
        std::lock_guard lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        if (!checkedAt_ || now - *checkedAt_ >= ttl_) {
            value_ = probe_();
            checkedAt_ = now;
        }
        return value_;
    }

private:
    std::function<T()> probe_;
    std::chrono::milliseconds ttl_;
    std::mutex mutex_;
    std::optional<std::chrono::steady_clock::time_point> checkedAt_;
    T value_{};
};

}  // namespace rivetr::api
