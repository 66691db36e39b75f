// The real engine on its test doubles (a runtime in memory, a Traffic that records), one app with a base image: for fast engine tests without Docker.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <thread>

#include "engine/engine.hpp"
#include "engine/testing/fake_app.hpp"
#include "engine/testing/fake_runtime.hpp"
#include "engine/testing/loopback_listener.hpp"
#include "engine/testing/recording_traffic.hpp"
#include "store/testing/store_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::engine::testing {

using namespace std::chrono_literals;

class FakeEngineTest : public store::testing::DeployStoreTest {
protected:
    std::array<LoopbackListener, 4> listeners;
    std::atomic<std::size_t> next{0};
    std::shared_ptr<FakeRuntime> rt =
        std::make_shared<FakeRuntime>([this] { return listeners.at(next++ % listeners.size()).port(); });
    RecordingTraffic traffic;
    std::unique_ptr<git::Source> source = git::makeLibgit2Source([&] {
        git::SourceOptions o;
        o.dataDir = dir.path();
        return o;
    }());
    builders::BuilderRegistry builders{builders::BuildersOptions{}};
    DeploymentEvents events;
    std::unique_ptr<Engine> engine;
    std::string appId = "app_jobs";

    void SetUp() override {
        EngineOptions eo;
        eo.dataDir = dir.path();
        eo.stopGrace = 1s;
        eo.minFreeDiskBytes = 0;
        engine = std::make_unique<Engine>(
            EngineDeps{apps, appState, env, deployments, *source, builders,
                       [this] { return std::shared_ptr<runtime::ContainerRuntime>(rt); }, traffic, events},
            eo);
        createAppWithBaseImage(apps, deployments, *rt, appId, "dep_base");
    }
    void TearDown() override { engine.reset(); }

    // A deployment without clone and build: the base image again.
    std::string deploy() { return engine->rollback("dep_base"); }
    std::string waitTerminal(const std::string& id, std::chrono::milliseconds limit = 10s) {
        auto end = std::chrono::steady_clock::now() + limit;
        for (;;) {
            auto status = deployments.get(id)->status;
            if (store::isTerminalStatus(status) || std::chrono::steady_clock::now() > end) return status;
            std::this_thread::sleep_for(20ms);
        }
    }
    ActionOutcome run(AppAction action) {
        auto ticket = engine->act(appId, action);
        EXPECT_EQ(ticket.done.wait_for(10s), std::future_status::ready);
        return ticket.done.get();
    }
    std::string liveContainer() {
        auto live = apps.find(appId)->liveDeploymentId;
        return live ? deployments.get(*live)->containerId.value_or("") : "";
    }
};

}  // namespace rivetr::engine::testing
