// The follower against a scripted engine: open, events, a dropped stream, the reconnect; and the list cache it feeds
// answering from the engine while the stream is down (the dockerd restart a test must not cause on the shared engine).
#include "containers/engine_event_follower.hpp"

#include <gtest/gtest.h>

#include <condition_variable>

#include "containers/container_list_cache.hpp"
#include "containers/testing/scripted_events.hpp"
#include "hosts/local_host_directory.hpp"

namespace rivetr::containers {
namespace {

using namespace std::chrono_literals;
using testing::ScriptedEvents;

// Records what the follower says, in order.
struct Recorder : EventStreamListener {
    std::mutex mutex;
    std::vector<std::string> heard;
    void streamOpened(const std::string& h) override { add("open " + h); }
    void streamEvent(const std::string& h, const runtime::Event& e) override { add(e.action + " " + h); }
    void streamLost(const std::string& h) override { add("lost " + h); }
    void add(std::string s) {
        std::lock_guard lock(mutex);
        heard.push_back(std::move(s));
    }
    std::vector<std::string> snapshot() {
        std::lock_guard lock(mutex);
        return heard;
    }
};

template <typename Pred>
bool eventually(Pred pred) {
    for (auto end = std::chrono::steady_clock::now() + 5s; std::chrono::steady_clock::now() < end; std::this_thread::sleep_for(10ms))
        if (pred()) return true;
    return false;
}

TEST(EngineEventFollower, ReportsOpenEventsLossAndReconnects) {
    auto engine = std::make_shared<ScriptedEvents>();
    hosts::LocalHostDirectory directory([engine] { return engine; });
    Recorder heard;
    EngineEventFollower follower(directory, heard);
    auto before = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    follower.follow("local");
    follower.follow("local");  // once per host
    ASSERT_TRUE(engine->waitFor([&] { return engine->opens == 1; }));
    EXPECT_LE(engine->since, before);  // replays from before it asked: nothing between accept and subscribe escapes
    EXPECT_GE(engine->since, before - 60);
    engine->push({"container", "die", "abc", {}, 0});
    ASSERT_TRUE(eventually([&] { return heard.snapshot().size() == 2; }));
    engine->drop(false);
    ASSERT_TRUE(engine->waitFor([&] { return engine->opens == 2; }));
    ASSERT_TRUE(eventually([&] { return heard.snapshot().size() == 4; }));
    EXPECT_EQ(heard.snapshot(), (std::vector<std::string>{"open local", "die local", "lost local", "open local"}));
}

TEST(EngineEventFollower, TheCacheItFeedsGoesToTheEngineWhileTheStreamIsDown) {
    auto engine = std::make_shared<ScriptedEvents>();
    hosts::LocalHostDirectory directory([engine] { return engine; });
    std::atomic<int> lists{0};
    EngineListReader reader{[&](const std::string&) {
                                ++lists;
                                return std::vector<runtime::ContainerSummary>{};
                            },
                            [](const std::string&, const std::string&) { return runtime::ContainerState{}; }};
    ContainerListCache cache(reader);
    EngineEventFollower follower(directory, cache);
    EXPECT_EQ(cache.list("local"), std::nullopt);
    follower.follow("local");
    ASSERT_TRUE(eventually([&] { return cache.list("local").has_value(); }));
    cache.list("local");
    EXPECT_EQ(lists, 1);
    engine->drop(true);  // dockerd restarts: the stream ends and reconnecting fails for a while
    ASSERT_TRUE(eventually([&] { return !cache.list("local").has_value(); }));
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(cache.list("local"), std::nullopt);
    engine->accept();
    ASSERT_TRUE(eventually([&] { return cache.list("local").has_value(); }));
    EXPECT_EQ(lists, 2);  // refilled after the gap, never the list from before it
}

TEST(EngineEventFollower, AnEngineWithoutEventsIsLeftAlone) {
    auto engine = std::make_shared<engine::testing::FakeRuntime>([] { return 0; });  // its events are Unsupported
    hosts::LocalHostDirectory directory([engine] { return engine; });
    Recorder heard;
    {
        EngineEventFollower follower(directory, heard);
        follower.follow("local");
        std::this_thread::sleep_for(100ms);
    }
    EXPECT_TRUE(heard.snapshot().empty());
}

}  // namespace
}  // namespace rivetr::containers
