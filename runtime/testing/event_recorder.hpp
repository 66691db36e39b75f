// Tests only: the engine's event stream listened to on a thread of its own, and what it has said so far.
#pragma once

#include <algorithm>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runtime/engine_connection.hpp"

namespace rivetr::runtime::testing {

class EventRecorder {
public:
    // Starts listening to the events `labels` selects and gives the stream a moment to open, so what the
    // test does next is reported.
    EventRecorder(EngineConnection& engine, LabelFilter labels)
        : listener_(std::async(std::launch::async, [this, &engine, labels = std::move(labels)] {
              engine.events(labels, [this](const Event& e) {
                  std::lock_guard lock(m_);
                  events_.push_back(e);
              }, cancel_);
          })) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    ~EventRecorder() {
        cancel_.cancel();
        if (listener_.valid()) listener_.wait();
    }
    EventRecorder(const EventRecorder&) = delete;
    EventRecorder& operator=(const EventRecorder&) = delete;

    // Whether the engine reported `action` (start, die, destroy ...) for the container `id`.
    bool seen(const std::string& id, const std::string& action) {
        std::lock_guard lock(m_);
        return std::any_of(events_.begin(), events_.end(),
                           [&](const Event& e) { return e.type == "container" && e.action == action && e.id == id; });
    }
    // Waits up to 5 s for that event.
    bool waitFor(const std::string& id, const std::string& action) {
        for (int i = 0; i < 100 && !seen(id, action); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return seen(id, action);
    }
    // Cancels the stream; the listener it returns ends with what events() threw.
    std::future<void>& stop() {
        cancel_.cancel();
        return listener_;
    }

private:
    CancelToken cancel_;
    std::mutex m_;
    std::vector<Event> events_;
    std::future<void> listener_;  // last: it uses the members above from its first moment
};

}  // namespace rivetr::runtime::testing
