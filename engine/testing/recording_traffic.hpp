// A Traffic that records what the engine routed, for tests without a proxy: the last target per app is what a user reaches.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/traffic.hpp"

namespace rivetr::engine::testing {

class RecordingTraffic : public Traffic {
public:
    // Nothing is in flight here, so every change has drained at once.
    std::future<void> route(const AppTarget& target) override {
        std::lock_guard lock(mutex_);
        history_.push_back(target);
        current_[target.appId] = target;
        return ready();
    }
    std::future<void> unroute(const std::string& appId) override {
        std::lock_guard lock(mutex_);
        history_.push_back(AppTarget::parked(appId, {}));
        current_.erase(appId);
        return ready();
    }
    std::future<void> parkIfServing(const std::string& appId, const std::string& host, int port) override {
        std::lock_guard lock(mutex_);
        auto it = current_.find(appId);
        if (it != current_.end() && it->second.host == host && it->second.port == port) {
            it->second = AppTarget::parked(appId, it->second.domains);
            history_.push_back(it->second);
        }
        return ready();
    }
    std::future<void> replaceAll(const std::vector<AppTarget>& targets) override {
        std::lock_guard lock(mutex_);
        current_.clear();
        for (const auto& t : targets) {
            history_.push_back(t);
            current_[t.appId] = t;
        }
        return ready();
    }

    // Where the app's domains lead now (isParked() when parked); nullopt when not routed at all.
    std::optional<AppTarget> current(const std::string& appId) {
        std::lock_guard lock(mutex_);
        auto it = current_.find(appId);
        return it == current_.end() ? std::nullopt : std::optional<AppTarget>(it->second);
    }
    std::vector<AppTarget> history() {
        std::lock_guard lock(mutex_);
        return history_;
    }

private:
    static std::future<void> ready() {
        std::promise<void> p;
        p.set_value();
        return p.get_future();
    }
    std::mutex mutex_;
    std::vector<AppTarget> history_;
    std::map<std::string, AppTarget> current_;
};

}  // namespace rivetr::engine::testing
