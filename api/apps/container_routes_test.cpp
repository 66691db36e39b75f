// Start / stop / restart over HTTP as engine jobs, on a runtime in memory: a restart racing a deploy of
// the same app ends with one live container that the store names and the route leads to.
#include "api/apps/container_routes.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <thread>

#include "api/http/api_server.hpp"
#include "api/route_table.hpp"
#include "api/testing/api_harness.hpp"
#include "core/git/source.hpp"
#include "engine/testing/fake_app.hpp"
#include "engine/testing/fake_runtime.hpp"
#include "engine/testing/loopback_listener.hpp"
#include "engine/testing/recording_traffic.hpp"
#include "runtime/naming.hpp"
#include "store/app_state_repository.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kAdminToken = "actions-admin-token-0123456789abcdef";

class ContainerActions : public ::testing::Test {
protected:
    testing::ApiHarness harness{kAdminToken};
    test::TempDir& dir = harness.dir;
    ApiContext& ctx = harness.ctx;
    store::AppStateRepository appState{*harness.store};
    std::array<engine::testing::LoopbackListener, 4> listeners;
    std::atomic<std::size_t> nextListener{0};
    std::shared_ptr<engine::testing::FakeRuntime> rt = std::make_shared<engine::testing::FakeRuntime>(
        [this] { return listeners.at(nextListener++ % listeners.size()).port(); });
    engine::testing::RecordingTraffic traffic;
    std::unique_ptr<git::Source> source = git::makeLibgit2Source([&] {
        git::SourceOptions o;
        o.dataDir = dir.path();
        return o;
    }());
    builders::BuilderRegistry builders{builders::BuildersOptions{}};
    engine::DeploymentEvents events;
    std::unique_ptr<engine::Engine> engine;
    const int port = harness.port;
    std::string appId = "app_actions";
    std::string base = "dep_base";  // a deployment whose image every rollback runs again

    void SetUp() override {
        engine::EngineOptions eo;
        eo.dataDir = dir.path();
        eo.stopGrace = 1s;
        eo.minFreeDiskBytes = 0;
        engine = std::make_unique<engine::Engine>(
            engine::EngineDeps{ctx.apps, appState, ctx.env, ctx.deployments, *source, builders,
                               [this] { return std::shared_ptr<runtime::ContainerRuntime>(rt); }, traffic, events},
            eo);
        ctx.live.runtime = [this] { return std::shared_ptr<runtime::ContainerRuntime>(rt); };
        harness.serve(engine.get());
        engine::testing::createAppWithBaseImage(ctx.apps, ctx.deployments, *rt, appId, base);
    }
    void TearDown() override {
        harness.shutdown();
        engine.reset();
    }

    test::HttpResponse post(const std::string& path) {
        test::HttpRequest req;
        req.method = "POST";
        req.url = "http://127.0.0.1:" + std::to_string(port) + path;
        req.headers = {std::string("Authorization: Bearer ") + kAdminToken};
        req.timeout = 30s;
        return test::http(req);
    }
    // The deployment's status once terminal, or its last status when `limit` passed first.
    std::string waitTerminal(const std::string& id, std::chrono::milliseconds limit) {
        auto end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            auto status = ctx.deployments.get(id)->status;
            if (store::isTerminalStatus(status) || std::chrono::steady_clock::now() > end) return status;
            std::this_thread::sleep_for(20ms);
        }
    }
    std::string deploy() { return engine->rollback(base); }
    json get(const std::string& path) {
        test::HttpRequest req;
        req.url = "http://127.0.0.1:" + std::to_string(port) + path;
        req.headers = {std::string("Authorization: Bearer ") + kAdminToken};
        auto r = test::http(req);
        EXPECT_EQ(r.status, 200) << path << ": " << r.body;
        return json::parse(r.body, nullptr, false);
    }
    // rollback_available of `id` in the app's list, or null when it is not listed.
    json listedAvailability(const std::string& id) {
        for (const auto& d : get("/api/apps/" + appId + "/deployments")) {
            if (d["id"] == id) return d.value("rollback_available", json());
        }
        return json();
    }
    std::string liveContainer() {
        auto live = ctx.apps.find(appId)->liveDeploymentId;
        return live ? ctx.deployments.get(*live)->containerId.value_or("") : "";
    }
};

// The restart of the live container A is in flight when a deploy of the same app switches to B
// and retires A. Run as engine jobs, the two take turns: whichever goes first, the app ends with
// B alone running, named live by the store, and the route leads to B. (Run in the HTTP handler,
// the restart brought A back after the switch and routed the domains to it, while the retirer
// removed it: users got the removed container's port, the store named B.)
TEST_F(ContainerActions, RestartRacingADeployEndsWithOneLiveContainer) {
    auto first = deploy();
    ASSERT_EQ(waitTerminal(first, 10s), "running");
    auto a = liveContainer();
    ASSERT_FALSE(a.empty());

    std::atomic<bool> raced{false}, restartAnswered{false};
    std::string second;
    rt->beforeChange = [&](std::string_view verb, const std::string& id) {
        if (verb == "restart" && id == a && !raced.exchange(true)) {
            second = deploy();  // the deploy lands while the restart is in flight...
            waitTerminal(second, 2s);  // ...and switches now if nothing holds it back
        }
        if (verb == "stop" && id == a) {
            // The retirer stops A only once the restart has answered: the worst order for the old handler.
            for (auto end = std::chrono::steady_clock::now() + 3s; !restartAnswered && std::chrono::steady_clock::now() < end;)
                std::this_thread::sleep_for(10ms);
        }
    };
    auto restarted = post("/api/apps/" + appId + "/restart");
    restartAnswered = true;
    EXPECT_EQ(restarted.status, 200) << restarted.body;
    ASSERT_TRUE(raced);
    EXPECT_EQ(waitTerminal(second, 10s), "running");

    auto b = liveContainer();
    EXPECT_NE(b, a) << "the deploy did not switch";
    // "running" is stored before the old container is handed to the retirer, so waitRetired() alone
    // can return before A's retirement was even queued (seen once in CI): wait for it, bounded.
    auto running = [&] { return rt->runningContainers(runtime::rivetrFilter(appId)); };
    for (auto end = std::chrono::steady_clock::now() + 5s;
         running() != std::vector<std::string>{b} && std::chrono::steady_clock::now() < end;) {
        engine->waitRetired();
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(running(), std::vector<std::string>{b})
        << "not exactly one running container, the live one";
    auto route = traffic.current(appId);
    ASSERT_TRUE(route);
    EXPECT_EQ(route->port, rt->hostPortOf(b)) << "the domains lead to another container than the live one";
}

// A user's Start on an app whose live container was removed outside rivetr (docker rm): 404 saying so,
// not a 502 as if the engine had failed.
TEST_F(ContainerActions, StartingAnAppWhoseContainerWasRemovedIs404) {
    auto first = deploy();
    ASSERT_EQ(waitTerminal(first, 10s), "running");
    ASSERT_EQ(post("/api/apps/" + appId + "/stop").status, 200);
    rt->removeContainer(liveContainer(), {.force = true, .volumes = false});
    auto started = post("/api/apps/" + appId + "/start");
    EXPECT_EQ(started.status, 404) << started.body;
    auto body = json::parse(started.body, nullptr, false);
    EXPECT_EQ(body["error"]["code"], "container_gone") << started.body;
    EXPECT_NE(started.body.find("removed outside rivetr"), std::string::npos) << started.body;
}

// "Roll back to this" only for a deployment that went live and whose image is still there: the
// list says so, and the route refuses the others with a 409 that says why.
TEST_F(ContainerActions, RollbackIsOfferedOnlyForAnImageThatPassedItsCheckAndStillExists) {
    // `base` has an image but never went live (it is still "pending"): no health check passed.
    EXPECT_EQ(listedAvailability(base), false);
    auto refused = post("/api/deployments/" + base + "/rollback");
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "not_rollbackable");
    EXPECT_NE(refused.body.find("never passed its health check"), std::string::npos) << refused.body;

    auto first = deploy();
    ASSERT_EQ(waitTerminal(first, 10s), "running");
    auto second = deploy();
    ASSERT_EQ(waitTerminal(second, 10s), "running");
    ASSERT_EQ(ctx.deployments.get(first)->status, "replaced");
    EXPECT_EQ(listedAvailability(first), true);
    EXPECT_EQ(get("/api/deployments/" + first)["rollback_available"], true);
    EXPECT_EQ(get("/api/deployments?limit=5")["deployments"][0]["rollback_available"], true);

    // The image goes (pruned for disk space): nothing to roll back to any more.
    rt->removeImage(*ctx.deployments.get(first)->image, true);
    EXPECT_EQ(listedAvailability(first), false);
    auto pruned = post("/api/deployments/" + first + "/rollback");
    EXPECT_EQ(pruned.status, 409) << pruned.body;
    EXPECT_NE(pruned.body.find("was pruned"), std::string::npos) << pruned.body;
    EXPECT_EQ(ctx.deployments.listForApp(appId, 100).size(), 3u) << "a refused rollback created a deployment";
}

}  // namespace
}  // namespace rivetr::api
