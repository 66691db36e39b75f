// The last status changes the events feed announced, numbered, so a client that reconnects to
// /api/events with Last-Event-ID gets what it missed instead of a reload.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/deployment_events.hpp"

namespace rivetr::api {

class FeedJournal {
public:
    struct Entry {
        std::int64_t id;
        engine::DeploymentEvent event;
    };
    using Listener = std::function<void()>;
    using Listening = std::shared_ptr<void>;  // stops listening when released

    // Records every status change (and recorded webhook delivery) published on `events` from now on,
    // keeping the last `capacity`; log lines are not kept.
    // Ids start from this process's start time in ms (× 1000), so an id from an earlier run is older
    // than any this journal gives and is recognised as unknown.
    explicit FeedJournal(engine::DeploymentEvents& events, std::size_t capacity = 1024);

    // `listener` runs (on the publishing thread; it must not block) after each change is recorded.
    Listening listen(Listener listener);
    // The id of the last change recorded (the one before the first id when none was).
    std::int64_t latest() const;
    // The changes after `id`; nullopt when the journal no longer holds (or never gave) everything after it.
    std::optional<std::vector<Entry>> after(std::int64_t id) const;

private:
    struct State {
        mutable std::mutex mutex;
        std::deque<Entry> entries;
        std::int64_t first;  // the id the first change gets
        std::int64_t next;
        std::size_t capacity;
        std::map<std::uint64_t, Listener> listeners;
        std::uint64_t nextListener = 0;
    };
    static void record(State& s, const engine::DeploymentEvent& e);

    std::shared_ptr<State> state_;
    engine::DeploymentEvents::Subscription subscription_;
};

}  // namespace rivetr::api
