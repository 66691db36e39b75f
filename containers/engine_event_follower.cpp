// One thread per host following its engine's event stream, reconnecting, and telling a listener when the stream opens, what happened, and when it is lost.
#include "containers/engine_event_follower.hpp"

#include <chrono>

#include "core/log.hpp"

namespace rivetr::containers {

using namespace std::chrono_literals;

struct EngineEventFollower::Follow {
    runtime::CancelToken cancel;
    std::thread thread;
};

EngineEventFollower::EngineEventFollower(hosts::HostDirectory& hosts, EventStreamListener& listener)
    : hosts_(hosts), listener_(listener) {}

EngineEventFollower::~EngineEventFollower() {
    std::lock_guard lock(mutex_);
    for (auto& [host, f] : follows_) f->cancel.cancel();
    for (auto& [host, f] : follows_)
        if (f->thread.joinable()) f->thread.join();
}

void EngineEventFollower::follow(const std::string& host) {
    std::lock_guard lock(mutex_);
    auto& f = follows_[host];
    if (f) return;
    f = std::make_unique<Follow>();
    f->thread = std::thread([this, host, raw = f.get()] { run(host, *raw); });
}

// One stream: open (replaying from a few seconds back, so nothing between the engine accepting the stream
// and subscribing it escapes), deliver, then "lost" however it ends. False: never try this host again.
bool EngineEventFollower::followOnce(const std::string& host, Follow& f) {
    bool opened = false;
    try {
        auto rt = hosts_.runtimeFor(host);
        if (!rt || rt->kind() != runtime::EngineKind::Docker) return false;  // only Docker's status text is said again
        runtime::EventWatch watch;
        watch.sinceUnixSeconds = std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch()).count() - 5;
        watch.onOpen = [&] {
            opened = true;
            listener_.streamOpened(host);
        };
        rt->watchEvents(watch, [&](const runtime::Event& e) { listener_.streamEvent(host, e); }, f.cancel);
    } catch (const hosts::HostNotFound&) {
        if (opened) listener_.streamLost(host);
        return false;
    } catch (const runtime::RuntimeError& e) {
        if (opened) listener_.streamLost(host);
        if (e.kind() == runtime::ErrorKind::Unsupported) return false;
        if (!f.cancel.cancelled()) log::debug("containers.events_lost", {{"host", host}, {"error", e.what()}});
        return true;
    } catch (const std::exception& e) {
        log::warn("containers.events_lost", {{"host", host}, {"error", e.what()}});
    }
    if (opened) listener_.streamLost(host);
    return true;
}

void EngineEventFollower::run(const std::string& host, Follow& f) {
    auto backoff = 250ms;
    while (!f.cancel.cancelled()) {
        auto started = std::chrono::steady_clock::now();
        if (!followOnce(host, f)) return;
        if (std::chrono::steady_clock::now() - started > 10s) backoff = 250ms;  // it was open a while: retry soon
        for (auto end = std::chrono::steady_clock::now() + backoff; !f.cancel.cancelled() && std::chrono::steady_clock::now() < end;)
            std::this_thread::sleep_for(20ms);
        backoff = std::min<std::chrono::milliseconds>(backoff * 2, 5s);
    }
}

}  // namespace rivetr::containers
