// The list cache fed by a fake event source: used only while the stream is open, dropped by events and by Rivetr's own
// changes, statuses said again at answer time, one engine call for concurrent requests, and fills that raced an event not kept.
#include "containers/container_list_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include "core/clock.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::containers {
namespace {

using namespace std::chrono_literals;
constexpr std::int64_t kS = 1'000'000'000;
constexpr const char* kHost = "local";

std::int64_t at(const char* t) {
    std::int64_t n = 0;
    EXPECT_TRUE(parseRfc3339Nanos(t, n));
    return n;
}

// An engine in memory: its rows, each one's state, and how often it was asked.
struct FakeEngine {
    std::mutex mutex;
    std::vector<runtime::ContainerSummary> rows;
    std::map<std::string, runtime::ContainerState> states;
    std::atomic<int> lists{0}, inspects{0};
    std::function<void()> duringList;  // runs inside a listing (a race, a slow engine)

    void add(const std::string& id, const std::string& state, const std::string& status, runtime::ContainerState st) {
        std::lock_guard lock(mutex);
        runtime::ContainerSummary s;
        s.id = id;
        s.name = id + "-name";
        s.names = {s.name};
        s.state = state;
        s.status = status;
        rows.push_back(s);
        states[id] = std::move(st);
    }
    EngineListReader reader() {
        return {[this](const std::string&) {
                    ++lists;
                    if (duringList) duringList();
                    std::lock_guard lock(mutex);
                    return rows;
                },
                [this](const std::string&, const std::string& id) {
                    ++inspects;
                    std::lock_guard lock(mutex);
                    auto it = states.find(id);
                    if (it == states.end()) throw runtime::RuntimeError(runtime::ErrorKind::NotFound, "no such container");
                    return it->second;
                }};
    }
};

runtime::ContainerState running(const char* startedAt) {
    runtime::ContainerState s;
    s.status = "running";
    s.running = true;
    s.startedAt = startedAt;
    return s;
}

runtime::Event event(const std::string& type, const std::string& action, const std::string& id) {
    return {type, action, id, {}, 0};
}

class ContainerListCacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        engine.add("aaa", "running", "Up 5 minutes", running("2026-12-07T10:00:00Z"));
        runtime::ContainerState created;
        created.status = "created";
        created.startedAt = created.finishedAt = "0001-01-01T00:00:00Z";
        engine.add("bbb", "created", "Created", created);
    }
    std::string statusOf(const std::vector<runtime::ContainerSummary>& rows, const std::string& id) {
        for (const auto& r : rows)
            if (r.id == id) return r.status;
        return "<absent>";
    }

    FakeEngine engine;
    std::atomic<std::int64_t> now{at("2026-12-07T10:05:30Z")};
    ContainerListCache cache{engine.reader(), {}, [this] { return now.load(); }};
};

TEST_F(ContainerListCacheTest, AnswersNothingUntilTheStreamIsOpenAndNothingAfterItIsLost) {
    EXPECT_EQ(cache.list(kHost), std::nullopt);
    EXPECT_EQ(engine.lists, 0);
    cache.streamOpened(kHost);
    ASSERT_TRUE(cache.list(kHost));
    ASSERT_TRUE(cache.list(kHost));
    EXPECT_EQ(engine.lists, 1);  // the second answer came from the cache
    cache.streamLost(kHost);
    EXPECT_EQ(cache.list(kHost), std::nullopt);  // dockerd restarting, host unreachable: straight to the engine
    cache.streamOpened(kHost);
    ASSERT_TRUE(cache.list(kHost));
    EXPECT_EQ(engine.lists, 2);  // what was read before the gap is never answered after it
    EXPECT_EQ(engine.inspects, 2);  // and the states are read again too
    EXPECT_FALSE(cache.list("remote-1"));  // another host's stream is its own
}

TEST_F(ContainerListCacheTest, AContainerEventDropsTheListAndTheStateOfThatContainer) {
    cache.streamOpened(kHost);
    cache.list(kHost);
    cache.streamEvent(kHost, event("container", "exec_start: /bin/sh -c true", "aaa"));  // a health check run
    cache.streamEvent(kHost, event("volume", "mount", "vol"));
    cache.list(kHost);
    EXPECT_EQ(engine.lists, 1);
    {
        std::lock_guard lock(engine.mutex);
        engine.rows[0].state = "exited";
        engine.rows[0].status = "Exited (0) Less than a second ago";
        engine.states["aaa"].running = false;
        engine.states["aaa"].status = "exited";
        engine.states["aaa"].finishedAt = "2026-12-07T10:05:30Z";
    }
    cache.streamEvent(kHost, event("container", "die", "aaa"));
    auto rows = cache.list(kHost);
    ASSERT_TRUE(rows);
    EXPECT_EQ(engine.lists, 2);
    EXPECT_EQ(statusOf(*rows, "aaa"), "Exited (0) Less than a second ago");
    for (const char* action : {"create", "start", "stop", "destroy", "rename", "pause", "unpause", "health_status: healthy", "update"}) {
        cache.streamEvent(kHost, event("container", action, "zzz"));
        cache.list(kHost);
    }
    cache.streamEvent(kHost, event("image", "untag", "sha256:1"));
    cache.list(kHost);
    cache.streamEvent(kHost, event("network", "connect", "net"));
    cache.list(kHost);
    EXPECT_EQ(engine.lists, 13);
}

TEST_F(ContainerListCacheTest, StatusesAreSaidAgainAtAnswerTimeNotFrozenAtTheFill) {
    cache.streamOpened(kHost);
    EXPECT_EQ(statusOf(*cache.list(kHost), "aaa"), "Up 5 minutes");
    now += 600 * kS;
    auto later = cache.list(kHost);
    EXPECT_EQ(statusOf(*later, "aaa"), "Up 15 minutes");
    EXPECT_EQ(statusOf(*later, "bbb"), "Created");
    EXPECT_EQ(engine.lists, 1);
}

TEST_F(ContainerListCacheTest, RivetrsOwnChangeIsReadBackAtOnce) {
    cache.streamOpened(kHost);
    cache.list(kHost);
    cache.invalidate(kHost, "aaa-name");  // a stop through the API, by name, before its event arrives
    cache.list(kHost);
    EXPECT_EQ(engine.lists, 2);
    EXPECT_EQ(engine.inspects, 2);  // that container's state read again, no other
    cache.invalidate(kHost);        // a create: only the list
    cache.list(kHost);
    EXPECT_EQ(engine.lists, 3);
    EXPECT_EQ(engine.inspects, 2);
}

TEST_F(ContainerListCacheTest, ConcurrentRequestsShareOneEngineCall) {
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    engine.duringList = [&] {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return release; });
    };
    cache.streamOpened(kHost);
    std::atomic<int> answered{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 8; ++i)
        clients.emplace_back([&] { answered += cache.list(kHost)->size() == 2; });
    std::this_thread::sleep_for(100ms);
    {
        std::lock_guard lock(m);
        release = true;
    }
    cv.notify_all();
    for (auto& t : clients) t.join();
    EXPECT_EQ(answered, 8);
    EXPECT_EQ(engine.lists, 1);
}

TEST_F(ContainerListCacheTest, AFillThatRacedAnEventIsAnsweredButNotKept) {
    cache.streamOpened(kHost);
    engine.duringList = [&] { cache.streamEvent(kHost, event("container", "start", "ccc")); };
    ASSERT_TRUE(cache.list(kHost));
    engine.duringList = nullptr;
    cache.list(kHost);
    EXPECT_EQ(engine.lists, 2);
    cache.streamEvent(kHost, event("container", "start", "ddd"));
    engine.duringList = [&] { cache.streamLost(kHost); };
    ASSERT_TRUE(cache.list(kHost));  // this request was already asking the engine
    EXPECT_EQ(cache.list(kHost), std::nullopt);
}

TEST_F(ContainerListCacheTest, TextsItCannotSayAgainAreTheEnginesAndThreeSuchFillsTurnItOff) {
    {
        std::lock_guard lock(engine.mutex);
        engine.rows[0].status = "Up 7 minutes";  // an engine whose clock is two minutes off ours
    }
    cache.streamOpened(kHost);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(statusOf(*cache.list(kHost), "aaa"), "Up 7 minutes");
    EXPECT_EQ(engine.lists, 3);
    EXPECT_EQ(cache.list(kHost), std::nullopt);
}

TEST_F(ContainerListCacheTest, AnEngineFailureReachesEveryWaiterAndTheNextRequestAsksAgain) {
    cache.streamOpened(kHost);
    engine.duringList = [] { throw runtime::RuntimeError(runtime::ErrorKind::DaemonUnavailable, "gone"); };
    EXPECT_THROW(cache.list(kHost), runtime::RuntimeError);
    engine.duringList = nullptr;
    EXPECT_TRUE(cache.list(kHost));
    EXPECT_EQ(engine.lists, 2);
}

TEST_F(ContainerListCacheTest, AHostBiggerThanTheBoundIsNeverKept) {
    ContainerListCache small{engine.reader(), {.maxContainers = 1}, [this] { return now.load(); }};
    small.streamOpened(kHost);
    EXPECT_EQ(small.list(kHost)->size(), 2u);
    EXPECT_EQ(small.list(kHost)->size(), 2u);
    EXPECT_EQ(engine.lists, 2);
    EXPECT_EQ(engine.inspects, 0);
}

}  // namespace
}  // namespace rivetr::containers
