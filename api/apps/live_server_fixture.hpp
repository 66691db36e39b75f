// Test fixture: the control API over real HTTP on the real engine (its runtime down), with one app, for
// the live-data tests (streams, feed, metrics) and the long stream hold.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/http/api_server.hpp"
#include "api/route_table.hpp"
#include "api/apps/runtimeless_engine.hpp"
#include "api/http/sse_test_reader.hpp"
#include "engine/deploy_log.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::test {

class LiveServer : public ::testing::Test {
protected:
    static constexpr const char* kAdminToken = "live-admin-token-0123456789abcdef";

    TempDir dir;
    std::unique_ptr<store::Store> store = store::Store::open(dir.path());
    api::ApiContext ctx{*store, *crypto::keyFromHex(std::string(64, 'd')), kAdminToken};
    RuntimelessEngine rig{*store, ctx, dir.path()};
    engine::DeploymentEvents& events = rig.events;
    engine::Engine& engine = rig.engine;
    int port = freePort();
    std::unique_ptr<api::ApiServer> server;
    std::string appId;

    void SetUp() override {
        serve({});
        store::AppRecord a;
        a.id = "app_live";
        a.name = "live";
        a.gitUrl = "https://example.com/live.git";
        ctx.apps.create(a);
        appId = a.id;
    }
    // (Re)starts the server with these options (host and port are the fixture's).
    void serve(api::ApiOptions o) {
        server.reset();
        o.host = "127.0.0.1";
        o.port = port;
        server = std::make_unique<api::ApiServer>(
            o, api::controlRoutes(ctx, {[] { return true; }, [] { return true; }}, &engine), &ctx.auth);
        server->observeRequests(&ctx.live.metrics);
        server->start();
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
    std::vector<std::string> auth() const { return {std::string("Authorization: Bearer ") + kAdminToken}; }
    std::string newDeployment(const std::string& id) {
        store::DeploymentRecord d;
        d.id = id;
        d.appId = appId;
        ctx.deployments.create(d);
        return id;
    }
    // What the pipeline does: persist the status, then announce it.
    void setStatus(const std::string& id, const std::string& status) {
        ctx.deployments.transition(id, status, status == "failed" ? std::optional<std::string>("boom") : std::nullopt);
        engine::DeploymentEvent e;
        e.deploymentId = id;
        e.appId = appId;
        e.status = status;
        events.publish(e);
    }
    void announceAction(const std::string& id) {
        engine::DeploymentEvent e;
        e.deploymentId = id;
        e.appId = appId;
        e.action = "restart";
        e.status = "running";
        events.publish(e);
    }

    // What a dashboard left open meets: a deployment's log stream and the events feed held for `hold`
    // while a line is written every 200 ms and an app action announced every 20 s. Both must stay open
    // without an error (Pistache once wrote "408 Request Timeout" into the chunked body), carry every
    // line and action exactly once and in order, ping through idle stretches, and end cleanly.
    void holdStreams(std::chrono::seconds hold) {
        using Clock = std::chrono::steady_clock;
        auto id = newDeployment("dep_hold");
        setStatus(id, "building");
        SseReader log(url("/api/deployments/" + id + "/logs/stream"), auth(), hold + 60s);
        SseReader feed(url("/api/events"), auth(), hold + 60s);
        ASSERT_TRUE(log.waitFor("event: status")) << log.text();
        ASSERT_TRUE(feed.waitFor(": connected")) << feed.text();
        engine::DeployLog writer(ctx.deployments, events, id, appId);
        int lines = 0;
        int actions = 0;
        auto started = Clock::now();
        while (Clock::now() - started < hold && !log.done() && !feed.done()) {
            writer.write("build", "line " + std::to_string(lines++));
            writer.flush();
            if (lines % 100 == 1) announceAction("act_" + std::to_string(actions++));
            std::this_thread::sleep_for(200ms);
        }
        auto held = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count();
        ASSERT_FALSE(log.done()) << "the log stream broke after " << held << " s: " << log.error();
        ASSERT_FALSE(feed.done()) << "the events feed broke after " << held << " s: " << feed.error();
        ASSERT_TRUE(feed.waitFor("\"id\":\"act_" + std::to_string(actions - 1) + "\"")) << feed.text();
        setStatus(id, "failed");
        ASSERT_TRUE(log.waitDone(10s)) << "the log stream did not end with its deployment";
        EXPECT_EQ(log.error(), "") << "the chunked body was not well formed to its end";
        auto got = logLines(log);
        ASSERT_EQ(got.size(), static_cast<std::size_t>(lines)) << "lines lost or repeated";
        for (int i = 0; i < lines; ++i) ASSERT_EQ(got[static_cast<std::size_t>(i)], "line " + std::to_string(i));
        auto announced = feed.events("action");
        ASSERT_EQ(announced.size(), static_cast<std::size_t>(actions)) << "actions lost or repeated";
        for (int i = 0; i < actions; ++i) EXPECT_EQ(announced[static_cast<std::size_t>(i)]["id"], "act_" + std::to_string(i));
        if (hold >= 40s) {
            EXPECT_NE(feed.text().find(": ping"), std::string::npos) << "no keep-alive on an idle feed";
        }
        EXPECT_EQ(feed.text().find("Request Timeout"), std::string::npos) << feed.text();
    }
};

}  // namespace rivetr::test
