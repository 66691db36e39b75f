// The same adapter through Podman's Docker-compatible socket: a `podman system service` of the test's own.
//
// Podman 4.3 here needs two things to run containers: catatonit (its init, for Init=true) and rlimits it
// may set without CAP_SYS_RESOURCE. By default it asks for RLIMIT_NOFILE=1048576 and a large RLIMIT_NPROC,
// which runc cannot set in this sandbox ("error setting rlimit type 7/6: operation not permitted").
// A containers.conf with default_ulimits at or below the sandbox's hard limits makes `run` work.
#include <signal.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <future>
#include <thread>

#include "core/subprocess.hpp"
#include "runtime/runtime_test_fixture.hpp"
#include "runtime/testing/fails_with.hpp"

namespace rivetr::runtime {
namespace {

using namespace std::chrono_literals;
using testing::failsWith;
using testing::RuntimeTest;

// One service for the whole suite, on a private socket, configured through CONTAINERS_CONF.
class PodmanService {
public:
    static PodmanService& instance() {
        static PodmanService s;
        return s;
    }
    const std::string& socket() const { return socket_; }
    const std::string& startError() const { return error_; }

private:
    PodmanService() {
        socket_ = (dir_.path() / "podman.sock").string();
        test::writeFile(dir_ / "containers.conf",
                        "[containers]\ndefault_ulimits = [\"nofile=" + std::to_string(nofileLimit()) + ":" +
                            std::to_string(nofileLimit()) + "\", \"nproc=32768:32768\"]\n");
        auto podman = findExecutable("podman");
        if (!podman) {
            error_ = "podman is not installed (scripts/setup.sh installs it)";
            return;
        }
        SpawnOptions o;
        o.env = {{"CONTAINERS_CONF", (dir_ / "containers.conf").string()}};
        o.stdoutFile = dir_ / "service.log";
        proc_.emplace(Process::spawn({podman->string(), "system", "service", "--time=0", "unix://" + socket_}, o));
        for (int i = 0; i < 100 && !test::http({.method = "GET", .url = "http://podman/_ping", .headers = {}, .body = {},
                                                 .unixSocket = socket_, .timeout = 500ms, .sourceAddress = {}}).status;
             ++i)
            std::this_thread::sleep_for(100ms);
    }
    ~PodmanService() {
        if (proc_) {
            proc_->signal(SIGTERM);
            proc_->wait(10s);
        }
    }
    static long nofileLimit() {
        std::ifstream in("/proc/self/limits");
        for (std::string line; std::getline(in, line);)
            if (line.rfind("Max open files", 0) == 0) return std::min(65536L, std::stol(line.substr(26, 21)));
        return 1024;
    }
    test::TempDir dir_{"rivetr-podman"};
    std::string socket_, error_;
    std::optional<Process> proc_;
};

class PodmanRuntimeTest : public RuntimeTest {
protected:
    RuntimeOptions options() const override {
        RuntimeOptions o;
        o.runtimeType = "podman";
        o.podmanSocket = PodmanService::instance().socket();
        return o;
    }
    void SetUp() override {
        ASSERT_TRUE(PodmanService::instance().startError().empty()) << PodmanService::instance().startError();
        rt = connectRuntime(options());
    }
};

bool hostProcessRunning(const std::string& cmdline) {
    for (const auto& e : std::filesystem::directory_iterator("/proc")) {
        if (test::readFile(e.path() / "cmdline").find(cmdline) != std::string::npos) return true;
    }
    return false;
}

std::string base(int port) { return "http://127.0.0.1:" + std::to_string(port); }

TEST_F(PodmanRuntimeTest, IsDetectedAsPodmanThroughAutoDetection) {
    EXPECT_EQ(rt->kind(), EngineKind::Podman);
    RuntimeOptions o;
    o.dockerSocket = "/tmp/rivetr-no-such-docker.sock";
    o.podmanSocket = PodmanService::instance().socket();
    EXPECT_EQ(connectRuntime(o)->kind(), EngineKind::Podman) << "auto falls back to the Podman socket";
    EXPECT_TRUE(rt->ping().ok);
    EXPECT_GT(rt->info().cpus, 0);
}

TEST_F(PodmanRuntimeTest, BuildsRunsServesLogsExecsStopsAndRemovesAnApp) {
    auto image = buildTestserver("dep_1", {{"TESTSERVER_VERSION", "podman-v1"}});
    EXPECT_EQ(rt->inspectImage(image).exposedTcpPorts, std::vector<int>{8000}) << "EXPOSE 8000";
    int port = test::freePort();
    auto spec = specFor(image, "dep_1");
    spec.ports = {{8000, port, "tcp"}};
    spec.memoryBytes = 64 * 1024 * 1024;
    std::string id = rt->runContainer(spec);
    ASSERT_TRUE(test::waitForHttp(base(port) + "/", 200, 15s));
    EXPECT_EQ(test::httpGet(base(port) + "/").body, "version=podman-v1\n");
    auto info = rt->inspectContainer(id);
    EXPECT_TRUE(info.state.running);
    ASSERT_FALSE(info.ports.empty());
    EXPECT_EQ(info.ports[0].hostIp, "127.0.0.1");
    EXPECT_EQ(info.memoryBytes, 64 * 1024 * 1024);
    // Podman's compat inspect reports "json-file" with no options whatever it applied (its own inspect
    // shows k8s-file with Size 10MB): the rotation is not observable through this API.

    test::httpGet(base(port) + "/log?stdout=p-out&stderr=p-err");
    std::string out, err;
    for (int i = 0; i < 50 && err.find("p-err") == std::string::npos; ++i) {
        out.clear();
        err.clear();
        rt->logs(id, {}, [&](LogStream s, std::string_view d) { (s == LogStream::Stdout ? out : err).append(d); });
        std::this_thread::sleep_for(100ms);
    }
    EXPECT_NE(out.find("p-out\n"), std::string::npos) << out;
    EXPECT_NE(err.find("p-err\n"), std::string::npos) << err;
    EXPECT_EQ(out.find("p-err"), std::string::npos);

    auto ex = rt->exec(id, {"/bin/busybox", "sh", "-c", "echo o; echo e >&2; exit 4"});
    EXPECT_EQ(ex.exitCode, 4);
    EXPECT_EQ(ex.stdoutText, "o\n");
    EXPECT_EQ(ex.stderrText, "e\n");
    auto st = rt->stats(id);
    EXPECT_GT(st.memoryUsageBytes, 0u);

    auto t0 = std::chrono::steady_clock::now();
    rt->stopContainer(id, 10s);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s) << "with Init the stop does not wait for the 10 s grace";
    EXPECT_FALSE(rt->inspectContainer(id).state.running);
    rt->removeContainer(id);
    EXPECT_TRUE(rt->listContainers(rivetrFilter(app)).empty());
}

TEST_F(PodmanRuntimeTest, AFailingBuildCarriesTheEnginesMessage) {
    test::TempDir dir;
    test::writeFile(dir / "Dockerfile", "FROM scratch\nCOPY no-such-file /x\n");
    BuildRequest b;
    b.contextDir = dir.path();
    b.tags = {imageRef(app, "dep_1")};
    b.labels = rivetrLabels(app, "dep_1");
    EXPECT_TRUE(failsWith([&] { rt->build(b); }, ErrorKind::BuildFailed, "no-such-file"));
}

TEST_F(PodmanRuntimeTest, LabelsVolumesAndNetworksWork) {
    auto image = buildTestserver("dep_1");
    auto vol = rt->createVolume(volumeName(app, "data"), rivetrLabels(app));
    auto net = rt->createNetwork({.name = networkName(app), .labels = rivetrLabels(app)});
    auto spec = specFor(image, "dep_1");
    spec.mounts = {{vol.name, "/data", false}};
    spec.networks = {{net.name, {"web"}}};
    std::string id = rt->runContainer(spec);
    EXPECT_EQ(rt->exec(id, {"/bin/busybox", "sh", "-c", "echo v > /data/f && cat /data/f"}).stdoutText, "v\n");
    EXPECT_EQ(rt->listContainers(rivetrFilter(app, "dep_1")).size(), 1u);
    EXPECT_EQ(rt->listVolumes(rivetrFilter(app)).size(), 1u);
    EXPECT_EQ(rt->listNetworks(rivetrFilter(app)).size(), 1u);
    rt->removeContainer(id, {.force = true, .volumes = false});
    removeVolumeAndNetwork(vol.name, net.name);
}

TEST_F(PodmanRuntimeTest, FaultsAreTypedAndLeaveNoContainer) {
    auto spec = specFor("rivetr-no-such-image:" + app, "dep_1");
    EXPECT_TRUE(failsWith([&] { rt->runContainer(spec); }, ErrorKind::ImageNotFound));
    EXPECT_TRUE(rt->listContainers(rivetrFilter(app)).empty());
}

TEST_F(PodmanRuntimeTest, ListsAndPrunesImagesByAllTheirLabels) {
    auto one = buildTestserver("dep_1");
    buildTestserver("dep_2", {}, "LABEL second=1\n");
    std::string otherApp = newId("app");
    test::TempDir foreign;
    test::writeFile(foreign / "Dockerfile", "FROM scratch\nCOPY Dockerfile /other-" + otherApp + "\n");
    BuildRequest b;
    b.contextDir = foreign.path();
    b.tags = {imageRef(otherApp, "dep_1")};
    b.labels = rivetrLabels(otherApp, "dep_1");
    rt->build(b);
    extraImages.push_back(imageRef(otherApp, "dep_1"));
    EXPECT_EQ(rt->listImages(rivetrFilter(app)).size(), 2u);
    EXPECT_EQ(rt->listImages(rivetrFilter(app, "dep_1")).size(), 1u);
    auto pruned = rt->pruneImages(rivetrFilter(app));
    EXPECT_EQ(pruned.deleted.size(), 2u);
    EXPECT_THROW(rt->inspectImage(one), RuntimeError);
    EXPECT_NO_THROW(rt->inspectImage(imageRef(otherApp, "dep_1"))) << "another app's image survives";
}

TEST_F(PodmanRuntimeTest, ACancelledBuildEndsTheCall) {
    test::TempDir dir;
    std::filesystem::copy_file("/bin/busybox", dir / "busybox");
    test::writeFile(dir / "Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sleep\", \"6\"]\n");
    BuildRequest b;
    b.contextDir = dir.path();
    b.tags = {imageRef(app, "dep_1")};
    b.labels = rivetrLabels(app, "dep_1");
    std::atomic<bool> running{false};
    b.onProgress = [&](std::string_view l) {
        if (l.find("sleep") != std::string_view::npos) running = true;
    };
    auto canceller = std::async(std::launch::async, [&] {
        for (int i = 0; i < 300 && !running; ++i) std::this_thread::sleep_for(50ms);
        std::this_thread::sleep_for(500ms);
        b.cancel.cancel();
    });
    auto t0 = std::chrono::steady_clock::now();
    expectBuildCancelled(b);
    canceller.get();
    EXPECT_TRUE(running.load());
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 20s);
    // Measured limitation: Podman 4.3's compat build does not stop when the client goes away; the
    // RUN step runs on to its end (Docker's does stop, see DockerBuildTest). The call itself ends promptly.
    const std::string step("/bin/busybox\0sleep\0" "6", 20);
    // Reported, not asserted: whether the 6 s step is still running here depends on how loaded
    // the box is, and it is Podman's behaviour, not ours.
    std::cout << "[measured] podman still running the cancelled RUN step: "
              << (hostProcessRunning(step) ? "yes" : "no (already finished)") << "\n";
    // Let the orphaned step finish so the image it may still tag is cleaned up by TearDown.
    for (int i = 0; i < 100 && hostProcessRunning(step); ++i) std::this_thread::sleep_for(100ms);
    std::this_thread::sleep_for(1s);
}

TEST_F(PodmanRuntimeTest, StreamsStatsAndEventsUntilCancelled) {
    auto image = buildTestserver("dep_1");
    CancelToken eventsCancel;
    std::atomic<bool> sawStart{false};
    auto listener = std::async(std::launch::async, [&] {
        rt->events(rivetrFilter(app), [&](const Event& e) {
            if (e.type == "container" && e.action == "start") sawStart = true;
        }, eventsCancel);
    });
    std::this_thread::sleep_for(300ms);
    std::string id = rt->runContainer(specFor(image, "dep_1"));
    CancelToken statsCancel;
    int samples = 0;
    EXPECT_THROW(rt->streamStats(id, [&](const Stats& s) {
        EXPECT_GT(s.memoryUsageBytes, 0u);
        if (++samples == 2) statsCancel.cancel();
    }, statsCancel), RuntimeError);
    EXPECT_GE(samples, 2);
    for (int i = 0; i < 100 && !sawStart; ++i) std::this_thread::sleep_for(50ms);
    eventsCancel.cancel();
    ASSERT_EQ(listener.wait_for(3s), std::future_status::ready);
    EXPECT_THROW(listener.get(), RuntimeError);
    EXPECT_TRUE(sawStart.load());
}

}  // namespace
}  // namespace rivetr::runtime
