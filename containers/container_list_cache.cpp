// Each host's container list kept between requests while its event stream is open; statuses said again at answer time.
#include "containers/container_list_cache.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "containers/container_status_text.hpp"
#include "core/log.hpp"

namespace rivetr::containers {
namespace {

std::int64_t systemNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// States whose status text carries an age (the others say "Created", "Dead", "Removal In Progress").
bool hasAge(const std::string& state) {
    return state == "running" || state == "paused" || state == "restarting" || state == "exited";
}

constexpr int kMaxMismatches = 3;

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// The engine's status at some moment of the listing (it listed between `before` and `after`).
bool saidAgain(const runtime::ContainerSummary& row, const runtime::ContainerState& state, std::int64_t before, std::int64_t after) {
    return dockerStatusText(state, before) == row.status || dockerStatusText(state, after) == row.status;
}

}  // namespace

bool changesContainerList(const runtime::Event& e) {
    if (e.type == "container") {
        for (const char* inert : {"exec_", "top", "attach", "detach", "resize", "export", "copy", "archive-path",
                                  "extract-to-dir", "commit"})
            if (startsWith(e.action, inert)) return false;
        return true;
    }
    if (e.type == "network") return e.action == "connect" || e.action == "disconnect";
    return e.type == "image";  // tag, untag, delete ...: a row names its image by a tag that may have moved
}

ContainerListCache::ContainerListCache(EngineListReader reader, ListCacheOptions options, Now now)
    : reader_(std::move(reader)), options_(options), now_(now ? std::move(now) : Now(systemNanos)) {}

void ContainerListCache::drop(Host& h) {
    ++h.generation;
    h.snapshot.reset();
}

void ContainerListCache::streamOpened(const std::string& host) {
    std::lock_guard lock(mutex_);
    auto& h = hosts_[host];
    drop(h);
    h.known.clear();  // a state read before the gap may have changed during it
    h.mismatches = 0;
    h.open = true;
}

void ContainerListCache::streamLost(const std::string& host) {
    std::lock_guard lock(mutex_);
    auto& h = hosts_[host];
    drop(h);
    h.known.clear();
    h.open = false;
}

void ContainerListCache::streamEvent(const std::string& host, const runtime::Event& event) {
    if (!changesContainerList(event)) return;
    std::lock_guard lock(mutex_);
    auto& h = hosts_[host];
    drop(h);
    if (event.type == "container") h.known.erase(event.id);
}

void ContainerListCache::invalidate(const std::string& host, const std::string& container) {
    std::lock_guard lock(mutex_);
    auto& h = hosts_[host];
    drop(h);
    std::string slashed = "/" + container;
    std::erase_if(h.known, [&](const auto& entry) {
        const auto& names = entry.second.names;
        return !container.empty() && (startsWith(entry.first, container) ||
               std::find(names.begin(), names.end(), container) != names.end() ||
               std::find(names.begin(), names.end(), slashed) != names.end());
    });
}

std::uint64_t ContainerListCache::fills() const {
    std::lock_guard lock(mutex_);
    return fills_;
}

std::vector<runtime::ContainerSummary> ContainerListCache::answer(const Snapshot& s) const {
    std::vector<runtime::ContainerSummary> rows = s.rows;
    if (!s.sayAgain) return rows;
    std::int64_t now = now_();
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (s.states[i]) rows[i].status = dockerStatusText(*s.states[i], now).value_or(rows[i].status);
    return rows;
}

std::optional<std::vector<runtime::ContainerSummary>> ContainerListCache::list(const std::string& host) {
    std::unique_lock lock(mutex_);
    auto& h = hosts_[host];
    if (!h.open || h.mismatches >= kMaxMismatches) return std::nullopt;
    if (h.snapshot) return answer(*h.snapshot);
    if (h.filling.valid() && h.fillingGeneration == h.generation) {
        auto shared = h.filling;  // a fill for this generation is under way: wait for it, do not ask again
        lock.unlock();
        return answer(*shared.get());
    }
    std::promise<SnapshotPtr> promise;
    h.filling = promise.get_future().share();
    std::uint64_t generation = h.fillingGeneration = h.generation;
    auto known = h.known;
    ++fills_;
    lock.unlock();
    SnapshotPtr snap;
    std::map<std::string, Known> seen;
    try {
        snap = fill(host, std::move(known), seen);
    } catch (...) {
        promise.set_exception(std::current_exception());
        lock.lock();
        if (h.fillingGeneration == generation) h.filling = {};  // the next request tries again
        throw;
    }
    settle(host, generation, snap, std::move(seen));
    promise.set_value(snap);
    return answer(*snap);
}

// Kept only if nothing changed while it was read: an event during the fill may not be in it.
void ContainerListCache::settle(const std::string& host, std::uint64_t generation, const SnapshotPtr& snap,
                                std::map<std::string, Known> seen) {
    std::lock_guard lock(mutex_);
    auto& h = hosts_[host];
    if (h.fillingGeneration == generation) h.filling = {};
    if (!h.open || h.generation != generation) return;
    h.mismatches = snap->mismatch ? h.mismatches + 1 : 0;
    if (h.mismatches == kMaxMismatches)
        log::warn("containers.list_cache_off", {{"host", host}, {"reason", "statuses do not match the state times (clock skew?)"}});
    if (!snap->sayAgain) return;
    h.snapshot = snap;
    h.known = std::move(seen);
}

// One engine listing, then the state of every row with an age that `known` lacks (a few at once).
// Every status must come out of its state as the engine wrote it, or the snapshot is not kept.
ContainerListCache::SnapshotPtr ContainerListCache::fill(const std::string& host, std::map<std::string, Known> known,
                                                         std::map<std::string, Known>& seen) {
    auto snap = std::make_shared<Snapshot>();
    std::int64_t before = now_();
    snap->rows = reader_.list(host);
    std::int64_t after = now_();
    snap->states.resize(snap->rows.size());
    if (snap->rows.size() > options_.maxContainers) {
        snap->sayAgain = false;
        return snap;
    }
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < snap->rows.size(); ++i) {
        const auto& row = snap->rows[i];
        if (!hasAge(row.state)) continue;
        if (auto k = known.find(row.id); k != known.end()) snap->states[i] = k->second.state;
        else missing.push_back(i);
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto inspect = [&] {
        for (std::size_t n = next++; n < missing.size() && !failed; n = next++) {
            try {
                snap->states[missing[n]] = reader_.state(host, snap->rows[missing[n]].id);
            } catch (const runtime::RuntimeError&) {
                failed = true;  // gone since the listing (removed): its destroy event is on its way
            }
        }
    };
    std::vector<std::thread> threads;
    for (int t = 1; t < options_.inspectThreads && static_cast<std::size_t>(t) < missing.size(); ++t) threads.emplace_back(inspect);
    inspect();
    for (auto& t : threads) t.join();
    for (std::size_t i = 0; i < snap->rows.size() && !failed; ++i) {
        const auto& row = snap->rows[i];
        if (snap->states[i] && !saidAgain(row, *snap->states[i], before, after)) {
            log::debug("containers.list_cache_mismatch", {{"host", host}, {"id", row.id}, {"status", row.status}});
            snap->mismatch = failed = true;
        }
        if (snap->states[i]) seen[row.id] = {*snap->states[i], row.names};
    }
    snap->sayAgain = !failed;
    return snap;
}

}  // namespace rivetr::containers
