// The engine watching what it runs: a live container that dies is parked, explained, announced and restarted with back-off.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "core/non_copyable.hpp"
#include "engine/pipeline.hpp"

namespace rivetr::engine {

// Fed by ContainerWatcher (container events, and a re-sync after every (re)connect) and by the
// bus (how recovery and user actions ended). It never acts on a container directly: every
// change of what runs is a Recover job in the app's turn (AppActions), so it cannot race a
// deployment or a user's stop. What it writes itself is the app's condition and the park of a
// dead container's route (a check-and-set on that container's endpoint).
class AppSupervisor : NonCopyable {
public:
    using QueueRecover = std::function<void(const std::string& appId)>;
    AppSupervisor(EngineDeps deps, QueueRecover queueRecover, SupervisorOptions options = {});
    ~AppSupervisor();

    void onContainerEvent(const runtime::Event& e);
    // Every live app that is not stopped gets a Recover job now: it proves the container, starts it
    // when it is down, and routes to it (after a dockerd restart, or at rivetr's start).
    void resync();
    // No more jobs are queued after this (the engine stops its queue next).
    void stop();

private:
    struct Track {
        int crashes = 0;  // in a row
        bool crashed = false;
        std::string crashedDeployment;  // whose live container the last crash was
        bool userAction = false;  // a user's start/stop/restart runs: its container events are expected
        std::chrono::steady_clock::time_point upSince{};
    };
    void died(const store::AppRecord& app, const runtime::Event& e, std::optional<int> exitCode, const std::string& why);
    std::optional<store::AppRecord> liveAppOf(const runtime::Event& e);
    void onBus(const DeploymentEvent& e);
    bool wasDown(const std::string& appId);
    void recorded(const std::string& appId, store::LiveCondition c);
    std::chrono::milliseconds delayFor(int crashes) const;
    void schedule(const std::string& appId, std::chrono::milliseconds delay);
    void timerLoop();

    EngineDeps deps_;
    QueueRecover queueRecover_;
    SupervisorOptions options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::string, Track> tracks_;
    std::map<std::string, std::chrono::steady_clock::time_point> due_;
    DeploymentEvents::Subscription subscription_;
    std::thread timer_;
};

}  // namespace rivetr::engine
