// Live data over real HTTP: the deployment log stream (replay, live, status, end; no loss or repeat at
// the replay→live boundary), the events feed, shutdown ending streams, /metrics and /api/system.
#include <gtest/gtest.h>

#include <thread>

#include "api/apps/live_server_fixture.hpp"
#include "engine/deploy_log.hpp"

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test::SseReader;
using test::logLines;

using LiveRoutes = test::LiveServer;

TEST_F(LiveRoutes, DeploymentStreamReplaysThenFollowsLiveToTheEnd) {
    auto id = newDeployment("dep_stream");
    setStatus(id, "building");
    {
        engine::DeployLog log(ctx.deployments, events, id, appId);
        for (int i = 0; i < 5; ++i) log.write("build", "replayed " + std::to_string(i));
    }  // flushed: these five are stored before the client connects
    engine::DeployLog log(ctx.deployments, events, id, appId);
    SseReader reader(url("/api/deployments/" + id + "/logs/stream"), auth());
    ASSERT_TRUE(reader.waitFor("replayed 4")) << reader.text();
    EXPECT_NE(reader.text().find("event: status\ndata: "), std::string::npos) << "no initial status";
    // Lines written while the client reads, some still unflushed when the status changes.
    for (int i = 0; i < 300; ++i) log.write("build", "live " + std::to_string(i));
    log.flush();
    setStatus(id, "starting");
    log.note("last words");
    log.flush();
    setStatus(id, "failed");
    ASSERT_TRUE(reader.waitFor("event: end\ndata: {}\n\n")) << reader.text().substr(0, 2000);
    ASSERT_TRUE(reader.waitDone(5s)) << "the stream did not close after end";

    auto lines = logLines(reader);
    ASSERT_EQ(lines.size(), 306u) << "lines lost or repeated across replay and live";
    EXPECT_EQ(lines[0], "replayed 0");
    EXPECT_EQ(lines[5], "live 0");
    EXPECT_EQ(lines[304], "live 299");
    EXPECT_EQ(lines[305], "last words");
    std::int64_t prev = 0;
    for (const auto& e : reader.events("log")) {
        EXPECT_GT(e["id"].get<std::int64_t>(), prev);
        EXPECT_GT(e["ts"].get<std::int64_t>(), 1700000000000);
        prev = e["id"];
    }
    auto statuses = reader.events("status");
    ASSERT_GE(statuses.size(), 2u);
    EXPECT_EQ(statuses.back()["status"], "failed");
    EXPECT_EQ(statuses.back()["id"], id);
    EXPECT_EQ(statuses.back()["error"], "boom");
    auto t = reader.text();
    EXPECT_LT(t.rfind("event: status"), t.find("event: end")) << "the final status must come before end";

    // Resuming after an id (as EventSource does with Last-Event-ID) gives exactly the rest.
    auto third = reader.events("log")[2]["id"].get<std::int64_t>();
    SseReader resumed(url("/api/deployments/" + id + "/logs/stream"),
                      {auth()[0], "Last-Event-ID: " + std::to_string(third)});
    ASSERT_TRUE(resumed.waitFor("event: end")) << resumed.text();
    auto rest = logLines(resumed);
    ASSERT_EQ(rest.size(), 303u);
    EXPECT_EQ(rest[0], "replayed 3");
    SseReader byQuery(url("/api/deployments/" + id + "/logs/stream?after=" + std::to_string(third)), auth());
    ASSERT_TRUE(byQuery.waitFor("event: end"));
    EXPECT_EQ(logLines(byQuery).size(), 303u);
}

// Streams outlive the API's read timeouts and Pistache's keep-alive timeout (the soak test holds them
// for minutes with the production values; this is the short form with all three at a second or two).
TEST_F(LiveRoutes, StreamsOutliveTheReadAndKeepAliveTimeouts) {
    ApiOptions o;
    o.headerTimeout = 1s;
    o.bodyTimeout = 1s;
    o.keepaliveTimeout = 2s;
    serve(o);
    holdStreams(5s);
}

TEST_F(LiveRoutes, StreamRefusalsAreOrdinaryAnswers) {
    EXPECT_EQ(test::httpGet(url("/api/deployments/dep_nope/logs/stream"), auth()).status, 404);
    EXPECT_EQ(test::httpGet(url("/api/deployments/dep_nope/logs/stream")).status, 401);
    EXPECT_EQ(test::httpGet(url("/api/events")).status, 401);
    auto id = newDeployment("dep_bad_after");
    auto r = test::httpGet(url("/api/deployments/" + id + "/logs/stream?after=abc"), auth());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body)["error"]["field"], "after");
}

TEST_F(LiveRoutes, EventsFeedAnnouncesEveryStatusChange) {
    SseReader feed(url("/api/events"), auth());
    ASSERT_TRUE(feed.waitFor(": connected"));
    auto a = newDeployment("dep_feed_a");
    auto b = newDeployment("dep_feed_b");
    setStatus(a, "cloning");
    setStatus(b, "building");
    setStatus(a, "failed");
    ASSERT_TRUE(feed.waitFor("\"status\":\"failed\"")) << feed.text();
    auto evs = feed.events("deployment");
    ASSERT_GE(evs.size(), 3u);
    std::set<std::string> ids;
    for (const auto& e : evs) ids.insert(e["id"].get<std::string>());
    EXPECT_EQ(ids, (std::set<std::string>{a, b}));
    EXPECT_EQ(evs.back()["id"], a);
}

// Start / stop / restart are engine jobs without a deployment record: their changes reach the feed
// as `action` events, and the dashboard's `deployment` events stay deployments only.
TEST_F(LiveRoutes, EventsFeedAnnouncesAppActions) {
    SseReader feed(url("/api/events"), auth());
    ASSERT_TRUE(feed.waitFor(": connected"));
    engine::DeploymentEvent e;
    e.deploymentId = "act_feed";
    e.appId = appId;
    e.action = "restart";
    e.status = "failed";
    e.error = "the container did not come up";
    events.publish(e);
    ASSERT_TRUE(feed.waitFor("event: action")) << feed.text();
    auto actions = feed.events("action");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_EQ(actions[0], (json{{"id", "act_feed"}, {"app_id", appId}, {"action", "restart"}, {"status", "failed"},
                                {"error", "the container did not come up"}}));
    EXPECT_TRUE(feed.events("deployment").empty());
}

// A webhook delivery recorded in an app's history reaches the feed as a `webhook_delivery` event (the
// dashboard refreshes that app's delivery list), never as a deployment or an action.
TEST_F(LiveRoutes, EventsFeedAnnouncesWebhookDeliveries) {
    SseReader feed(url("/api/events"), auth());
    ASSERT_TRUE(feed.waitFor(": connected"));
    engine::DeploymentEvent e;
    e.kind = engine::DeploymentEvent::Kind::WebhookDelivery;
    e.appId = appId;
    e.status = "ignored";
    events.publish(e);
    ASSERT_TRUE(feed.waitFor("event: webhook_delivery")) << feed.text();
    auto deliveries = feed.events("webhook_delivery");
    ASSERT_EQ(deliveries.size(), 1u);
    EXPECT_EQ(deliveries[0], (json{{"app_id", appId}, {"result", "ignored"}, {"deployment_id", nullptr}}));
    EXPECT_TRUE(feed.events("deployment").empty());
    EXPECT_TRUE(feed.events("action").empty());
}

// A reconnect with the last id it got (as the dashboard's reader sends it) gets what it missed, once;
// an id the server does not know (dropped from its journal, or from an earlier run) gets `resync`.
TEST_F(LiveRoutes, EventsFeedResumesAfterTheLastEventId) {
    std::string lastId;
    {
        SseReader feed(url("/api/events"), auth());
        ASSERT_TRUE(feed.waitFor(": connected"));
        announceAction("act_1");
        announceAction("act_2");
        ASSERT_TRUE(feed.waitFor("act_2")) << feed.text();
        lastId = feed.lastEventId();
    }  // the client drops
    ASSERT_FALSE(lastId.empty()) << "feed events carry no id to resume from";
    announceAction("act_3");  // while it is away
    setStatus(newDeployment("dep_away"), "building");
    SseReader again(url("/api/events"), {auth()[0], "Last-Event-ID: " + lastId});
    ASSERT_TRUE(again.waitFor("dep_away")) << again.text();
    announceAction("act_4");
    ASSERT_TRUE(again.waitFor("act_4")) << again.text();
    auto actions = again.events("action");
    ASSERT_EQ(actions.size(), 2u) << again.text();
    EXPECT_EQ(actions[0]["id"], "act_3");
    EXPECT_EQ(actions[1]["id"], "act_4");
    EXPECT_EQ(again.events("deployment").size(), 1u);
    EXPECT_EQ(again.text().find("event: resync"), std::string::npos);

    SseReader stale(url("/api/events"), {auth()[0], "Last-Event-ID: 12"});
    ASSERT_TRUE(stale.waitFor("event: resync")) << stale.text();
    announceAction("act_5");
    ASSERT_TRUE(stale.waitFor("act_5")) << stale.text();
    EXPECT_EQ(stale.events("action").size(), 1u);
}

TEST_F(LiveRoutes, StopEndsOpenStreamsPromptly) {
    auto id = newDeployment("dep_open");
    setStatus(id, "building");
    SseReader stream(url("/api/deployments/" + id + "/logs/stream"), auth());
    SseReader feed(url("/api/events"), auth());
    ASSERT_TRUE(stream.waitFor("event: status"));
    ASSERT_TRUE(feed.waitFor(": connected"));
    EXPECT_EQ(server->openStreams(), 2u);
    auto started = std::chrono::steady_clock::now();
    server->stop(5s);
    auto took = std::chrono::steady_clock::now() - started;
    EXPECT_LT(took, 2s) << "open streams held the drain";
    EXPECT_TRUE(stream.waitDone(3s));
    EXPECT_TRUE(feed.waitDone(3s));
}

TEST_F(LiveRoutes, ClientThatLeavesIsForgotten) {
    {
        SseReader feed(url("/api/events"), auth());
        ASSERT_TRUE(feed.waitFor(": connected"));
        EXPECT_EQ(server->openStreams(), 1u);
    }  // the client hangs up
    auto end = std::chrono::steady_clock::now() + 3s;
    while (server->openStreams() != 0 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(20ms);
    EXPECT_EQ(server->openStreams(), 0u) << "a stream outlived its client";
    auto id = newDeployment("dep_after_leave");
    setStatus(id, "cloning");  // publishing to a departed subscriber is harmless
    EXPECT_EQ(test::httpGet(url("/api/apps"), auth()).status, 200);
}

TEST_F(LiveRoutes, MetricsCountRequestsAndDeployments) {
    auto first = test::httpGet(url("/metrics"), auth());
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(test::httpGet(url("/metrics")).status, 401);
    newDeployment("dep_m1");
    setStatus("dep_m1", "failed");
    for (int i = 0; i < 3; ++i) test::httpGet(url("/api/apps"), auth());
    test::httpGet(url("/api/apps/nope"), auth());
    auto m = test::httpGet(url("/metrics"), auth()).body;
    EXPECT_NE(m.find("rivetr_http_requests_total{method=\"GET\",route=\"/api/apps\",status=\"2xx\"} 3"), std::string::npos) << m;
    EXPECT_NE(m.find("rivetr_http_requests_total{method=\"GET\",route=\"/api/apps/:id\",status=\"4xx\"} 1"), std::string::npos) << m;
    EXPECT_NE(m.find("rivetr_deployments{status=\"failed\"} 1"), std::string::npos) << m;
    EXPECT_NE(m.find("rivetr_deploy_queue_depth 0"), std::string::npos) << m;
    EXPECT_NE(m.find("rivetr_http_request_duration_seconds_bucket{route=\"/api/apps\",le=\"+Inf\"} 3"), std::string::npos) << m;
    EXPECT_NE(m.find("# TYPE rivetr_http_request_duration_seconds histogram"), std::string::npos);
}

TEST_F(LiveRoutes, DeployDurationsComeFromTheBus) {
    auto sub = ctx.live.metrics.watchDeployments(events, ctx.deployments);
    newDeployment("dep_d1");
    setStatus("dep_d1", "cloning");
    setStatus("dep_d1", "failed");
    auto m = test::httpGet(url("/metrics"), auth()).body;
    EXPECT_NE(m.find("rivetr_deploy_duration_seconds_count{status=\"failed\"} 1"), std::string::npos) << m;
}

TEST_F(LiveRoutes, SystemReportsHostAndInstance) {
    auto r = test::httpGet(url("/api/system"), auth());
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = json::parse(r.body);
    EXPECT_FALSE(j["version"].get<std::string>().empty());
    EXPECT_GE(j["host"]["cpus"].get<int>(), 1);
    EXPECT_GT(j["host"]["memory_total_bytes"].get<std::uint64_t>(), j["host"]["memory_used_bytes"].get<std::uint64_t>());
    EXPECT_GT(j["host"]["disk_total_bytes"].get<std::uint64_t>(), 0u);
    EXPECT_EQ(j["host"]["load_avg"].size(), 3u);
    EXPECT_EQ(j["apps"], 1);
    EXPECT_EQ(j["runtime"]["ok"], false) << "this fixture has no container engine";
    EXPECT_EQ(j["deployments_active"], 0);
}

TEST_F(LiveRoutes, ContainerRoutesWithoutLiveDeploymentAre409) {
    for (auto [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/logs"}, {"GET", "/logs/stream"}, {"GET", "/stats"}, {"POST", "/start"}, {"POST", "/stop"},
             {"POST", "/restart"}}) {
        test::HttpRequest req;
        req.method = method;
        req.url = url("/api/apps/live" + path);
        req.headers = auth();
        auto r = test::http(req);
        EXPECT_EQ(r.status, 409) << method << " " << path << " " << r.body;
    }
    EXPECT_EQ(test::httpGet(url("/api/apps/nope/stats"), auth()).status, 404);
    EXPECT_EQ(test::httpGet(url("/api/apps/live/logs?tail=-1"), auth()).status, 400);
}

}  // namespace
}  // namespace rivetr::api
