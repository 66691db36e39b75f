// A fake engine whose event stream a test drives (open, events, dropped, refused): what a real dockerd cannot be made to do on a shared box.
#pragma once

#include <condition_variable>
#include <mutex>
#include <vector>

#include "engine/testing/fake_runtime.hpp"

namespace rivetr::containers::testing {

// An engine whose event stream the test drives: each watchEvents call opens, delivers what the test
// pushes, and ends with DaemonUnavailable when the test drops it (as a dockerd restart ends it).
class ScriptedEvents : public engine::testing::FakeRuntime {
public:
    ScriptedEvents() : FakeRuntime([] { return 0; }) {}

    void watchEvents(const runtime::EventWatch& watch, const std::function<void(const runtime::Event&)>& onEvent,
                     const runtime::CancelToken& cancel) override {
        {
            std::lock_guard lock(mutex);
            if (refuse) throw runtime::RuntimeError(runtime::ErrorKind::DaemonUnavailable, "connection refused");
            since = watch.sinceUnixSeconds.value_or(0);
            ++opens;
            dropped = false;
        }
        watch.onOpen();
        changed.notify_all();
        std::unique_lock lock(mutex);
        while (!cancel.cancelled()) {
            if (dropped) throw runtime::RuntimeError(runtime::ErrorKind::DaemonUnavailable, "stream ended");
            while (!pending.empty()) {
                auto e = pending.front();
                pending.erase(pending.begin());
                lock.unlock();
                onEvent(e);
                lock.lock();
            }
            changed.wait_for(lock, std::chrono::milliseconds(20));
        }
        throw runtime::RuntimeError(runtime::ErrorKind::Cancelled, "cancelled");
    }

    void push(runtime::Event e) {
        std::lock_guard lock(mutex);
        pending.push_back(std::move(e));
        changed.notify_all();
    }
    void drop(bool refuseAfter) {
        std::lock_guard lock(mutex);
        dropped = true;
        refuse = refuseAfter;
        changed.notify_all();
    }
    void accept() {
        std::lock_guard lock(mutex);
        refuse = false;
    }
    template <typename Pred>
    bool waitFor(Pred pred) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(5), pred);
    }

    std::mutex mutex;
    std::condition_variable changed;
    std::vector<runtime::Event> pending;
    bool dropped = false, refuse = false;
    int opens = 0;
    std::int64_t since = 0;
};

}  // namespace rivetr::containers::testing
