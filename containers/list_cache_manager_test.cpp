// The manager with its list cache over a fake engine whose events the test holds back: a change made through the
// manager is listed at once (read-your-writes), while one made behind its back waits for its event.
#include <gtest/gtest.h>

#include "containers/container_error.hpp"
#include "containers/container_manager.hpp"
#include "containers/container_status_text.hpp"
#include "containers/testing/scripted_events.hpp"
#include "core/clock.hpp"
#include "hosts/local_host_directory.hpp"

namespace rivetr::containers {
namespace {

using namespace std::chrono_literals;

// Lists and inspects as dockerd does (state times, status text from them) and sends no event unless pushed.
class QuietEngine : public testing::ScriptedEvents {
public:
    QuietEngine() {
        inspected = [this](runtime::ContainerInfo& info) {
            std::lock_guard lock(timesMutex);
            info.state.startedAt = startedAt.count(info.id) ? startedAt[info.id] : "0001-01-01T00:00:00Z";
            info.state.finishedAt = finishedAt.count(info.id) ? finishedAt[info.id] : "0001-01-01T00:00:00Z";
        };
    }
    std::vector<runtime::ContainerSummary> queryContainers(const runtime::ContainerQuery&) override {
        auto rows = listContainers({}, true);
        for (auto& r : rows) {
            auto state = inspectContainer(r.id).state;
            if (state.status == "exited" && state.startedAt.rfind("0001", 0) == 0) r.state = state.status = "created";
            r.status = dockerStatusText(state, nowMs() * 1'000'000).value_or("?");
        }
        ++lists;
        return rows;
    }
    void startContainer(const std::string& id) override {
        FakeRuntime::startContainer(id);
        stamp(startedAt, id);
    }
    void stopContainer(const std::string& id, std::chrono::seconds grace) override {
        FakeRuntime::stopContainer(id, grace);
        stamp(finishedAt, id);
    }
    void stamp(std::map<std::string, std::string>& times, const std::string& id) {
        std::string full = inspectContainer(id).id;  // `id` may be a name
        std::lock_guard lock(timesMutex);
        times[full] = formatRfc3339(nowMs());
    }

    std::mutex timesMutex;
    std::map<std::string, std::string> startedAt, finishedAt;
    std::atomic<int> lists{0};
};

class ListCacheManagerTest : public ::testing::Test {
protected:
    void SetUp() override {
        engine->addImage("img");
        runtime::ContainerSpec spec;
        spec.name = "web";
        spec.image = "img";
        id = engine->createContainer(spec);
        manager.enableListCache();
        manager.list({});  // starts following the host's events
        ASSERT_TRUE(engine->waitFor([&] { return engine->opens == 1; }));
        manager.list({});  // fills
        int lists = engine->lists;
        EXPECT_EQ(stateOf("web"), "created");
        ASSERT_EQ(engine->lists, lists) << "answered from the cache";
    }

    std::string stateOf(const std::string& name) {
        for (const auto& r : manager.list({}).rows)
            if (r.summary.name == name) return r.summary.state;
        return "absent";
    }

    std::shared_ptr<QuietEngine> engine = std::make_shared<QuietEngine>();
    hosts::LocalHostDirectory directory{[this] { return engine; }};
    ContainerManager manager{directory, localPolicyDefaults(), nullptr};
    std::string id;
};

TEST_F(ListCacheManagerTest, AChangeThroughTheManagerIsListedBeforeItsEventArrives) {
    manager.act("", "web", ContainerAction::Start);
    EXPECT_EQ(stateOf("web"), "running");
    manager.act("", "web", ContainerAction::Stop, {.grace = 0s});
    EXPECT_EQ(stateOf("web"), "exited");
}

TEST_F(ListCacheManagerTest, AChangeBehindItsBackIsListedWhenItsEventArrives) {
    engine->startContainer(id);  // `docker start` from a shell
    EXPECT_EQ(stateOf("web"), "created") << "no event yet: the cache still answers";
    engine->push({"container", "start", id, {}, 0});
    for (int i = 0; i < 100 && stateOf("web") != "running"; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(stateOf("web"), "running");
}

TEST_F(ListCacheManagerTest, AnUnknownHostIsStillA404) {
    ListQuery far;
    far.host = "far-away";
    try {
        manager.list(far);
        ADD_FAILURE() << "expected a 404";
    } catch (const ContainerError& e) {
        EXPECT_EQ(e.status(), 404);
    }
}

}  // namespace
}  // namespace rivetr::containers
