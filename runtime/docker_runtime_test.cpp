// The Docker adapter against the real dockerd: an app image built, run, read, exec'd, stopped and removed.
#include "runtime/docker_runtime.hpp"

#include <atomic>
#include <future>
#include <thread>

#include "runtime/runtime_test_fixture.hpp"
#include "runtime/testing/event_recorder.hpp"

namespace rivetr::runtime {
namespace {

using namespace std::chrono_literals;
using testing::RuntimeTest;

class DockerRuntimeTest : public RuntimeTest {
protected:
    // Follows a running test server's logs while it writes a line to each stream: stdout and stderr
    // arrive told apart, and a cancelled follow ends with a RuntimeError.
    void expectFollowedLogsTellStreamsApart(const std::string& id, int port);
};

std::string base(int port) { return "http://127.0.0.1:" + std::to_string(port); }

void DockerRuntimeTest::expectFollowedLogsTellStreamsApart(const std::string& id, int port) {
    std::string out, err;
    std::mutex m;
    LogOptions lo;
    lo.follow = true;
    auto follower = std::async(std::launch::async, [&] {
        rt->logs(id, lo, [&](LogStream s, std::string_view d) {
            std::lock_guard lock(m);
            (s == LogStream::Stdout ? out : err).append(d);
        });
    });
    test::httpGet(base(port) + "/log?stdout=to-stdout&stderr=to-stderr");
    auto seen = [&] {
        std::lock_guard lock(m);
        return out.find("to-stdout\n") != std::string::npos && err.find("to-stderr\n") != std::string::npos;
    };
    for (int i = 0; i < 100 && !seen(); ++i) std::this_thread::sleep_for(50ms);
    lo.cancel.cancel();
    EXPECT_THROW(follower.get(), RuntimeError);
    EXPECT_TRUE(seen()) << "stdout=" << out << " stderr=" << err;
    {
        std::lock_guard lock(m);
        EXPECT_EQ(out.find("to-stderr"), std::string::npos);
        EXPECT_NE(out.find("testserver listening"), std::string::npos);
    }
}

TEST_F(DockerRuntimeTest, ReportsEngineVersionInfoAndPing) {
    auto v = rt->version();
    EXPECT_EQ(v.kind, EngineKind::Docker);
    EXPECT_EQ(v.usedApiVersion, "1.41");
    EXPECT_FALSE(v.version.empty());
    auto i = rt->info();
    EXPECT_GT(i.cpus, 0);
    EXPECT_GT(i.memTotalBytes, 0);
    auto p = rt->ping();
    EXPECT_TRUE(p.ok) << p.error;
    EXPECT_LT(p.latency, 1000ms);
}

TEST_F(DockerRuntimeTest, BuildsRunsServesLogsStatsExecsStopsAndRemovesAnApp) {
    std::vector<std::string> progress;
    test::writeTestserverContext(ctx.path() / "v1", {{"TESTSERVER_VERSION", "v1"}});
    std::filesystem::copy_file("/bin/busybox", ctx.path() / "v1" / "busybox");
    test::writeFile(ctx.path() / "v1" / "Dockerfile",
                    test::testserverDockerfile({{"TESTSERVER_VERSION", "v1"}}) + "COPY busybox /bin/busybox\n");
    BuildRequest b;
    b.contextDir = ctx.path() / "v1";
    b.tags = {imageRef(app, "dep_1")};
    b.labels = rivetrLabels(app, "dep_1");
    b.onProgress = [&](std::string_view line) { progress.emplace_back(line); };
    auto built = rt->build(b);
    EXPECT_EQ(built.imageId.rfind("sha256:", 0), 0u) << built.imageId;
    ASSERT_FALSE(progress.empty());
    EXPECT_NE(progress.front().find("Step 1/"), std::string::npos) << progress.front();
    EXPECT_EQ(rt->inspectImage(imageRef(app, "dep_1")).labels.at("rivetr.app"), app);
    EXPECT_EQ(rt->inspectImage(imageRef(app, "dep_1")).exposedTcpPorts, std::vector<int>{8000}) << "EXPOSE 8000";

    int port = test::freePort();
    auto spec = specFor(imageRef(app, "dep_1"), "dep_1");
    spec.ports = {{8000, port, "tcp"}};
    spec.env = {{"EXTRA", "1"}};
    spec.memoryBytes = 64 * 1024 * 1024;
    spec.pidsLimit = 64;
    spec.cpus = 0.5;
    std::string id = rt->runContainer(spec);
    ASSERT_TRUE(test::waitForHttp(base(port) + "/", 200, 10s));
    EXPECT_EQ(test::httpGet(base(port) + "/").body, "version=v1\n");

    auto info = rt->inspectContainer(id);
    EXPECT_TRUE(info.state.running);
    EXPECT_EQ(info.name, containerName(app, "dep_1"));
    ASSERT_EQ(info.ports.size(), 1u);
    EXPECT_EQ(info.ports[0].hostIp, "127.0.0.1") << "apps publish on loopback only";
    EXPECT_EQ(info.ports[0].hostPort, port);

    ASSERT_NO_FATAL_FAILURE(expectFollowedLogsTellStreamsApart(id, port));

    auto st = rt->stats(id);
    EXPECT_GT(st.memoryUsageBytes, 0u);
    EXPECT_EQ(st.memoryLimitBytes, 64u * 1024 * 1024);
    EXPECT_GE(st.pids, 1u);
    EXPECT_GE(st.cpuPercent, 0.0);

    auto ex = rt->exec(id, {"/bin/busybox", "sh", "-c", "echo out; echo err >&2; echo $EXTRA; exit 3"});
    EXPECT_EQ(ex.exitCode, 3);
    EXPECT_EQ(ex.stdoutText, "out\n1\n");
    EXPECT_EQ(ex.stderrText, "err\n");

    auto t0 = std::chrono::steady_clock::now();
    rt->stopContainer(id, 10s);
    // Typically ~0.3 s; the bound is half the grace so a loaded CI box cannot fail it, while an
    // engine that waited for the grace (no Init) still would.
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s) << "with Init, SIGTERM reaches the app at once";
    auto stopped = rt->inspectContainer(id);
    EXPECT_FALSE(stopped.state.running);
    EXPECT_EQ(stopped.state.exitCode, 0);
    rt->removeContainer(id);
    try {
        rt->inspectContainer(id);
        FAIL() << "removed container still there";
    } catch (const RuntimeError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NotFound);
    }
}

TEST_F(DockerRuntimeTest, LifecycleCallsChangeWhatTheEngineReports) {
    auto image = buildTestserver("dep_1");
    std::string id = rt->runContainer(specFor(image, "dep_1"));
    rt->pauseContainer(id);
    EXPECT_TRUE(rt->inspectContainer(id).state.paused);
    rt->unpauseContainer(id);
    EXPECT_FALSE(rt->inspectContainer(id).state.paused);
    std::string renamed = containerName(app, "dep_renamed");
    rt->renameContainer(id, renamed);
    EXPECT_EQ(rt->inspectContainer(renamed).id, id);
    auto startedAt = rt->inspectContainer(id).state.startedAt;
    rt->restartContainer(id, 5s);
    EXPECT_NE(rt->inspectContainer(id).state.startedAt, startedAt);
    rt->killContainer(id, "SIGKILL");
    CancelToken never;
    EXPECT_EQ(rt->waitContainer(id, never), 137);
    rt->startContainer(id);
    rt->startContainer(id);  // starting a running container is not an error
    rt->stopContainer(id, 5s);
    rt->stopContainer(id, 5s);  // neither is stopping a stopped one
}

TEST_F(DockerRuntimeTest, WaitReturnsTheAppsExitCode) {
    auto [id, port] = runTestserver("dep_1");
    if (HasFailure()) return;
    auto waiter = std::async(std::launch::async, [&] { return rt->waitContainer(id, CancelToken{}); });
    test::httpGet(base(port) + "/exit?code=7");
    ASSERT_EQ(waiter.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(waiter.get(), 7);
}

TEST_F(DockerRuntimeTest, TtyContainerLogsComeThroughRaw) {
    auto image = buildTestserver("dep_1");
    auto spec = specFor(image, "dep_1");
    spec.tty = true;
    std::string id = rt->runContainer(spec);
    std::string out;
    for (int i = 0; i < 100 && out.find("listening") == std::string::npos; ++i) {
        out.clear();
        rt->logs(id, {}, [&](LogStream s, std::string_view d) {
            EXPECT_EQ(s, LogStream::Stdout);
            out.append(d);
        });
        std::this_thread::sleep_for(50ms);
    }
    EXPECT_EQ(out.rfind("testserver listening", 0), 0u) << "no frame header bytes expected: " << out;
}

TEST_F(DockerRuntimeTest, StreamsStatsUntilCancelled) {
    auto image = buildTestserver("dep_1");
    std::string id = rt->runContainer(specFor(image, "dep_1"));
    CancelToken cancel;
    std::vector<Stats> samples;
    auto t0 = std::chrono::steady_clock::now();
    try {
        rt->streamStats(id, [&](const Stats& s) {
            samples.push_back(s);
            if (samples.size() == 2) cancel.cancel();
        }, cancel);
        FAIL() << "a cancelled stream throws";
    } catch (const RuntimeError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    }
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 6s);
    ASSERT_GE(samples.size(), 2u);
    EXPECT_GT(samples[1].memoryUsageBytes, 0u);
}

TEST_F(DockerRuntimeTest, EventsStreamReportsOurContainersUntilCancelled) {
    auto image = buildTestserver("dep_1");
    testing::EventRecorder events(*rt, rivetrFilter(app));
    std::string id = rt->runContainer(specFor(image, "dep_1"));
    events.waitFor(id, "start");
    auto& listener = events.stop();
    ASSERT_EQ(listener.wait_for(3s), std::future_status::ready);
    EXPECT_THROW(listener.get(), RuntimeError);
    EXPECT_TRUE(events.seen(id, "start"));
}

TEST_F(DockerRuntimeTest, TheEngineAppliesLimitsRestartPolicyInitAndLogRotation) {
    auto image = buildTestserver("dep_1");
    auto spec = specFor(image, "dep_1");
    spec.memoryBytes = 96 * 1024 * 1024;
    spec.cpus = 0.25;
    spec.pidsLimit = 32;
    spec.restart = RestartPolicy::UnlessStopped;
    spec.logMaxSize = "5m";
    spec.logMaxFiles = 2;
    auto info = rt->inspectContainer(rt->createContainer(spec));
    EXPECT_EQ(info.memoryBytes, 96 * 1024 * 1024);
    EXPECT_EQ(info.nanoCpus, 250'000'000);
    EXPECT_EQ(info.pidsLimit, 32);
    EXPECT_EQ(info.restartPolicy, "unless-stopped");
    EXPECT_TRUE(info.init);
    EXPECT_EQ(info.logDriver, "json-file");
    EXPECT_EQ(info.logOptions.at("max-size"), "5m");
    EXPECT_EQ(info.logOptions.at("max-file"), "2");
}

// busybox sleep as PID 1 has no SIGTERM handler: only Init makes a stop prompt.
TEST_F(DockerRuntimeTest, InitMakesStopPromptForAnAppThatIgnoresSigterm) {
    auto image = buildTestserver("dep_1");
    auto withInit = specFor(image, "dep_1");
    withInit.entrypoint = {"/bin/busybox", "sleep", "1000"};
    auto withoutInit = specFor(image, "dep_2");
    withoutInit.entrypoint = withInit.entrypoint;
    withoutInit.init = false;
    std::string a = rt->runContainer(withInit);
    std::string b = rt->runContainer(withoutInit);
    auto t0 = std::chrono::steady_clock::now();
    rt->stopContainer(a, 10s);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s) << "with Init the stop does not wait for the grace";
    t0 = std::chrono::steady_clock::now();
    rt->stopContainer(b, 2s);
    EXPECT_GE(std::chrono::steady_clock::now() - t0, 1900ms) << "without Init the engine waits for the grace, then SIGKILLs";
}

TEST_F(DockerRuntimeTest, LogsHonourTailAndSince) {
    auto [id, port] = runTestserver("dep_1");
    if (HasFailure()) return;
    for (int i = 1; i <= 3; ++i) test::httpGet(base(port) + "/log?stdout=line" + std::to_string(i));
    auto read = [&](LogOptions o) {
        std::string out;
        rt->logs(id, o, [&](LogStream, std::string_view d) { out.append(d); });
        return out;
    };
    LogOptions tail;
    tail.tail = 1;
    std::string last;
    // The engine writes the log file asynchronously: wait for the third line to land.
    for (int i = 0; i < 100 && (last = read(tail)) != "line3\n"; ++i) std::this_thread::sleep_for(50ms);
    EXPECT_EQ(last, "line3\n");
    LogOptions future;
    future.sinceUnixSeconds = std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch()).count() + 60;
    EXPECT_EQ(read(future), "");
    LogOptions errOnly;
    errOnly.stdoutStream = false;
    EXPECT_EQ(read(errOnly), "");
}

}  // namespace
}  // namespace rivetr::runtime
