// The last status changes the events feed announced, numbered, for /api/events to resume from.
#include "api/apps/feed_journal.hpp"

#include <chrono>

namespace rivetr::api {

FeedJournal::FeedJournal(engine::DeploymentEvents& events, std::size_t capacity) : state_(std::make_shared<State>()) {
    auto bootMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
    state_->first = state_->next = static_cast<std::int64_t>(bootMs) * 1000;
    state_->capacity = capacity;
    std::weak_ptr<State> weak = state_;
    // The state, not the journal, is what a late publish (racing the journal's end) may touch.
    subscription_ = events.subscribe("", [weak](const engine::DeploymentEvent& e) {
        if (auto s = weak.lock()) record(*s, e);
    });
}

void FeedJournal::record(State& s, const engine::DeploymentEvent& e) {
    if (e.kind == engine::DeploymentEvent::Kind::Log) return;
    std::vector<Listener> wake;
    {
        std::lock_guard lock(s.mutex);
        s.entries.push_back({s.next++, e});
        if (s.entries.size() > s.capacity) s.entries.pop_front();
        for (const auto& [key, l] : s.listeners) wake.push_back(l);
    }
    for (const auto& l : wake) l();
}

FeedJournal::Listening FeedJournal::listen(Listener listener) {
    std::lock_guard lock(state_->mutex);
    auto key = state_->nextListener++;
    state_->listeners.emplace(key, std::move(listener));
    std::weak_ptr<State> weak = state_;
    return std::shared_ptr<void>(nullptr, [weak, key](void*) {
        if (auto s = weak.lock()) {
            std::lock_guard held(s->mutex);
            s->listeners.erase(key);
        }
    });
}

std::int64_t FeedJournal::latest() const {
    std::lock_guard lock(state_->mutex);
    return state_->next - 1;
}

std::optional<std::vector<FeedJournal::Entry>> FeedJournal::after(std::int64_t id) const {
    std::lock_guard lock(state_->mutex);
    auto oldest = state_->entries.empty() ? state_->next : state_->entries.front().id;
    if (id < oldest - 1 || id >= state_->next) return std::nullopt;  // dropped, from another run, or never given
    std::vector<Entry> out;
    for (const auto& e : state_->entries) {
        if (e.id > id) out.push_back(e);
    }
    return out;
}

}  // namespace rivetr::api
