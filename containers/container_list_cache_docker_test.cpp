// The list cache against the real dockerd: what it answers equals the engine's own list (filters, statuses), a `docker stop`
// made outside Rivetr shows within a second, and a stop through the manager shows at once.
#include "containers/container_list_cache.hpp"

#include "containers/manager_test_fixture.hpp"
#include "core/subprocess.hpp"

namespace rivetr::containers {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::ManagerTest;

class ListCacheDockerTest : public ManagerTest {
protected:
    void SetUp() override {
        ManagerTest::SetUp();
        if (::testing::Test::IsSkipped()) return;
        up = manager->create("", config("up"), store::Role::developer).id;
        manager->create("", config("new"), store::Role::developer, false);
        manager->enableListCache();
        ASSERT_TRUE(waitUntilCached());
    }

    ListQuery ours() const {
        ListQuery q;
        q.engine.labels = {{kRunLabel, run}};
        return q;
    }

    // Lists until an answer came from the cache (its stream is open and it was filled).
    bool waitUntilCached() {
        for (auto end = Clock::now() + 10s; Clock::now() < end; std::this_thread::sleep_for(50ms)) {
            auto fills = manager->listCache()->fills();
            manager->list(ours());
            if (fills > 0 && manager->listCache()->fills() == fills) return true;
        }
        return false;
    }

    std::string stateOf(const std::string& id) {
        for (const auto& r : manager->list(ours()).rows)
            if (r.summary.id == id) return r.summary.state + " / " + r.summary.status;
        return "absent";
    }

    std::string up;
};

// Every field of every row as the engine gives it; a status may have ticked between the two engine calls around it.
TEST_F(ListCacheDockerTest, AnswersWhatTheEngineAnswersForEachFilter) {
    runtime::ContainerQuery all, running, created, labelled;
    running.all = false;
    created.all = false;
    created.states = {"created"};
    labelled.labels = {{kRunLabel, run}};
    for (const auto& engineQuery : {all, running, created, labelled}) {
        ListQuery q;
        q.engine = engineQuery;
        auto before = rt->queryContainers(engineQuery);
        auto fills = manager->listCache()->fills();
        auto cached = manager->list(q).rows;
        auto after = rt->queryContainers(engineQuery);
        EXPECT_EQ(manager->listCache()->fills(), fills) << "answered from the cache";
        ASSERT_EQ(cached.size(), before.size());
        for (std::size_t i = 0; i < cached.size(); ++i) {
            const auto& c = cached[i].summary;
            const auto& e = before[i];
            EXPECT_EQ(c.id, e.id);
            EXPECT_EQ(c.names, e.names);
            EXPECT_EQ(c.image, e.image);
            EXPECT_EQ(c.imageId, e.imageId);
            EXPECT_EQ(c.command, e.command);
            EXPECT_EQ(c.created, e.created);
            EXPECT_EQ(c.state, e.state);
            EXPECT_EQ(c.labels, e.labels);
            EXPECT_EQ(c.ports.size(), e.ports.size());
            EXPECT_TRUE(c.status == e.status || c.status == after[i].status) << c.status << " vs " << e.status;
        }
    }
}

TEST_F(ListCacheDockerTest, ADockerStopOutsideRivetrIsListedWithinASecond) {
    EXPECT_EQ(stateOf(up).substr(0, 10), "running / ");
    auto stop = rivetr::run({"docker", "stop", "-t", "0", up});
    ASSERT_EQ(stop.exitCode, 0) << stop.output;
    auto stopped = Clock::now();
    std::string seen;
    while (Clock::now() - stopped < 1s && (seen = stateOf(up)).rfind("exited", 0) != 0) std::this_thread::sleep_for(20ms);
    EXPECT_EQ(seen.substr(0, 17), "exited / Exited (") << "still listed as " << seen;
}

TEST_F(ListCacheDockerTest, AStopThroughTheManagerIsListedAtOnce) {
    manager->act("", up, ContainerAction::Stop, {.grace = 0s});
    EXPECT_EQ(stateOf(up).substr(0, 10), "exited / E");  // no wait: read-your-writes, whatever the events say yet
    manager->act("", up, ContainerAction::Start);
    EXPECT_EQ(stateOf(up).substr(0, 13), "running / Up ");
}

}  // namespace
}  // namespace rivetr::containers
