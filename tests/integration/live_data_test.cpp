// Live data against a real `rivetr serve` and dockerd: a deployment's SSE log (live lines, status, end),
// the events feed, the live container's logs/stats, stop → proxy 503 → start, /metrics, and `rivetr logs`.
#include <fstream>

#include "api/http/sse_test_reader.hpp"
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test::SseReader;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class LiveData : public test::ServeFixture {
protected:
    LiveData() : ServeFixture("live") {}
    RunResult cli(std::vector<std::string> args) { return ServeFixture::cli(std::move(args), {}, false); }

    // Creates the app from a v1 test server commit; not deployed yet, its container routes refuse.
    void createApp() {
        test::writeTestserverContext(repo.dir(), {{"TESTSERVER_VERSION", "v1"}});
        repo.commit("v1");
        auto created = call("POST", "/api/apps",
                            json{{"name", "liveapp"}, {"git_url", repo.url()}, {"port", 8000}, {"build_type", "dockerfile"},
                                 {"domains", {"live.test"}},
                                 {"healthcheck", {{"path", "/health"}, {"retries", 6}, {"interval_ms", 300}}}});
        ASSERT_EQ(created.status, 201) << created.body;
        appId = json::parse(created.body)["id"];

        // Not deployed yet: the container routes refuse with 409.
        EXPECT_EQ(call("GET", "/api/apps/liveapp/logs").status, 409);
        EXPECT_EQ(call("POST", "/api/apps/liveapp/stop").status, 409);
    }

    // The deployment's stream: live lines, every status, the end; a resumed stream replays the rest.
    void checkDeploymentStream(const std::string& depId) {
        SseReader stream(api("/api/deployments/" + depId + "/logs/stream"), auth());
        ASSERT_TRUE(stream.waitFor("event: end", 240s)) << stream.text();
        ASSERT_TRUE(stream.waitDone(5s));
        auto statuses = stream.events("status");
        ASSERT_FALSE(statuses.empty());
        EXPECT_EQ(statuses.back()["status"], "running") << stream.text();
        std::set<std::string> seen;
        for (const auto& s : statuses) seen.insert(s["status"].get<std::string>());
        EXPECT_TRUE(seen.count("building") || seen.count("checking")) << "no status change seen live";
        auto streamed = stream.events("log");
        auto stored = json::parse(call("GET", "/api/deployments/" + depId + "/logs").body)["lines"];
        ASSERT_GT(streamed.size(), 3u);
        ASSERT_EQ(streamed.size(), stored.size()) << "the stream lost or repeated lines";
        for (std::size_t i = 0; i < stored.size(); ++i) EXPECT_EQ(streamed[i]["id"], stored[i]["id"]);
        // A reconnect after the middle line (Last-Event-ID) replays exactly the rest, then ends.
        auto middle = streamed[streamed.size() / 2]["id"].get<std::int64_t>();
        SseReader resumed(api("/api/deployments/" + depId + "/logs/stream"),
                          {auth()[0], "Last-Event-ID: " + std::to_string(middle)});
        ASSERT_TRUE(resumed.waitFor("event: end")) << resumed.text();
        auto rest = resumed.events("log");
        ASSERT_EQ(rest.size(), streamed.size() - streamed.size() / 2 - 1);
        EXPECT_EQ(rest.front()["id"], streamed[streamed.size() / 2 + 1]["id"]);
    }

    // The events feed saw the deployment build and run.
    void checkEventsFeed(SseReader& feed, const std::string& depId) {
        ASSERT_TRUE(feed.waitFor("\"status\":\"running\"", 10s)) << feed.text();
        bool fedBuilding = false;
        for (const auto& e : feed.events("deployment")) fedBuilding |= e["id"] == depId && e["status"] == "building";
        EXPECT_TRUE(fedBuilding) << feed.text();
        ASSERT_EQ(viaProxy("/").body, "version=v1\n");
    }

    // The live container's logs: tail with both streams and timestamps.
    void checkLogTail() {
        viaProxy("/log?stdout=hello-live&stderr=oops-live");
        json lines;
        for (auto end = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < end;) {
            lines = json::parse(call("GET", "/api/apps/liveapp/logs?tail=50").body)["lines"];
            if (has(lines.dump(), "oops-live")) break;
            std::this_thread::sleep_for(200ms);
        }
        bool out = false, err = false;
        for (const auto& l : lines) {
            out |= l["line"] == "hello-live" && l["stream"] == "stdout" && l["ts"].get<std::int64_t>() > 1700000000000;
            err |= l["line"] == "oops-live" && l["stream"] == "stderr";
        }
        EXPECT_TRUE(out && err) << lines.dump();
    }

    // Following the logs, and a reconnect with Last-Event-ID that shows nothing twice.
    void checkLogFollow(SseReader& follow) {
        std::this_thread::sleep_for(300ms);
        viaProxy("/log?stdout=followed-line");
        EXPECT_TRUE(follow.waitFor("followed-line")) << follow.text();
        // A reconnect (as the dashboard makes, with ?tail=200 and Last-Event-ID) resumes after the last line
        // it saw, with what was written meanwhile: nothing shown twice.
        auto lastSeen = follow.lastEventId();
        ASSERT_FALSE(lastSeen.empty()) << follow.text();
        viaProxy("/log?stdout=while-away");
        SseReader again(api("/api/apps/liveapp/logs/stream?tail=200"), {auth()[0], "Last-Event-ID: " + lastSeen});
        ASSERT_TRUE(again.waitFor("while-away")) << again.text();
        viaProxy("/log?stdout=after-resume");
        ASSERT_TRUE(again.waitFor("after-resume")) << again.text();
        for (const char* before : {"hello-live", "oops-live", "followed-line"}) {
            EXPECT_FALSE(has(again.text(), before)) << before << " came again after the reconnect";
        }
    }

    // `rivetr logs`: tail, --json, usage errors, and -f that stops cleanly on Ctrl-C.
    void checkCliLogs() {
        auto tail = cli({"logs", "liveapp", "-n", "50"});
        EXPECT_EQ(tail.exitCode, 0);
        EXPECT_TRUE(has(tail.output, "hello-live\n")) << tail.output;
        EXPECT_FALSE(has(tail.output, "oops-live")) << "stderr lines belong on stderr";
        auto asJson = cli({"logs", "liveapp", "--json"});
        std::istringstream jl(asJson.output);
        std::string first;
        std::getline(jl, first);
        EXPECT_FALSE(json::parse(first, nullptr, false).is_discarded()) << asJson.output;
        EXPECT_EQ(cli({"logs"}).exitCode, 2);
        EXPECT_EQ(cli({"logs", "nope"}).exitCode, 1);
        SpawnOptions fo;
        fo.env = {{"RIVETR_URL", api("")}, {"RIVETR_TOKEN", kToken}};
        fo.stdoutFile = dir.path() / "follow.out";
        auto cliFollow = Process::spawn({test::rivetrBinary().string(), "logs", "liveapp", "-f", "-n", "0"}, fo);
        std::this_thread::sleep_for(1s);
        viaProxy("/log?stdout=cli-followed");
        auto followed = [&] { return test::readFile(dir.path() / "follow.out"); };
        for (auto end = std::chrono::steady_clock::now() + 10s;
             std::chrono::steady_clock::now() < end && !has(followed(), "cli-followed");)
            std::this_thread::sleep_for(100ms);
        EXPECT_TRUE(has(followed(), "cli-followed\n")) << followed();
        cliFollow.signal(SIGINT);
        EXPECT_EQ(cliFollow.wait(5s), 0) << "Ctrl-C did not end `rivetr logs -f` cleanly";
    }

    // Stats, then stop (503, not 502; the follow stream ends), start and restart, all audited.
    void checkStatsAndControl(SseReader& follow) {
        auto stats = json::parse(call("GET", "/api/apps/liveapp/stats").body);
        EXPECT_GT(stats["memory_bytes"].get<std::uint64_t>(), 0u) << stats.dump();
        EXPECT_TRUE(stats.contains("cpu_percent") && stats.contains("net_rx_bytes")) << stats.dump();

        // stop: the domain answers 503 (not 502); the follow stream ends; start brings it back.
        auto stopped = call("POST", "/api/apps/liveapp/stop");
        ASSERT_EQ(stopped.status, 200) << stopped.body;
        EXPECT_EQ(json::parse(stopped.body)["status"], "stopped");
        EXPECT_EQ(viaProxy("/").status, 503);
        EXPECT_TRUE(follow.waitFor("event: end", 10s)) << "the log stream did not end with the container";
        auto startedAgain = call("POST", "/api/apps/liveapp/start");
        ASSERT_EQ(startedAgain.status, 200) << startedAgain.body;
        EXPECT_EQ(json::parse(startedAgain.body)["status"], "running");
        EXPECT_EQ(viaProxy("/").body, "version=v1\n");
        auto restarted = call("POST", "/api/apps/liveapp/restart");
        ASSERT_EQ(restarted.status, 200) << restarted.body;
        EXPECT_EQ(viaProxy("/").body, "version=v1\n");
        auto audit = call("GET", "/api/audit").body;
        EXPECT_TRUE(has(audit, "app.stop") && has(audit, "app.start") && has(audit, "app.restart")) << audit;
    }

    // /metrics and /api/system see all of it.
    void checkMetricsAndSystem() {
        auto metrics = call("GET", "/metrics");
        ASSERT_EQ(metrics.status, 200);
        EXPECT_TRUE(has(metrics.body, "rivetr_deploy_duration_seconds_count{status=\"running\"} 1")) << metrics.body;
        EXPECT_TRUE(has(metrics.body, "rivetr_deployments{status=\"running\"} 1")) << metrics.body;
        EXPECT_TRUE(has(metrics.body, "rivetr_http_requests_total{method=\"POST\",route=\"/api/apps/:id/stop\",status=\"2xx\"} 1"))
            << metrics.body;
        EXPECT_TRUE(has(metrics.body, "rivetr_proxy_requests_total{")) << metrics.body;
        EXPECT_TRUE(has(metrics.body, "rivetr_proxy_request_duration_seconds_count ")) << metrics.body;
        auto system = json::parse(call("GET", "/api/system").body);
        EXPECT_EQ(system["runtime"]["ok"], true) << system.dump();
        EXPECT_EQ(system["runtime"]["kind"], "docker");
        EXPECT_EQ(system["apps"], 1);
    }
};

TEST_F(LiveData, DeploymentStreamContainerControlMetricsAndCli) {
    ASSERT_NO_FATAL_FAILURE(createApp());
    SseReader feed(api("/api/events"), auth());
    ASSERT_TRUE(feed.waitFor(": connected"));
    auto started = call("POST", "/api/apps/liveapp/deploy");
    ASSERT_EQ(started.status, 202) << started.body;
    std::string depId = json::parse(started.body)["deployment_id"];
    ASSERT_NO_FATAL_FAILURE(checkDeploymentStream(depId));
    ASSERT_NO_FATAL_FAILURE(checkEventsFeed(feed, depId));
    ASSERT_NO_FATAL_FAILURE(checkLogTail());
    SseReader follow(api("/api/apps/liveapp/logs/stream?tail=0"), auth());
    ASSERT_TRUE(follow.waitFor(": connected"));
    ASSERT_NO_FATAL_FAILURE(checkLogFollow(follow));
    ASSERT_NO_FATAL_FAILURE(checkCliLogs());
    ASSERT_NO_FATAL_FAILURE(checkStatsAndControl(follow));
    checkMetricsAndSystem();
}

}  // namespace
}  // namespace rivetr
