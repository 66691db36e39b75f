// Builds against the real dockerd: daemon errors surface, .dockerignore holds, cancel stops, memory stays flat.
#include <atomic>
#include <fstream>
#include <future>
#include <thread>

#include "runtime/runtime_test_fixture.hpp"
#include "runtime/testing/fails_with.hpp"

namespace rivetr::runtime {
namespace {

using namespace std::chrono_literals;
using testing::failsWith;
using testing::RuntimeTest;

class DockerBuildTest : public RuntimeTest {
protected:
    BuildRequest request(const std::string& dep, const std::string& dockerfile) {
        std::filesystem::create_directories(ctx.path() / dep);
        std::filesystem::copy_file("/bin/busybox", ctx.path() / dep / "busybox");
        test::writeFile(ctx.path() / dep / "Dockerfile", dockerfile);
        BuildRequest b;
        b.contextDir = ctx.path() / dep;
        b.tags = {imageRef(app, dep)};
        b.labels = rivetrLabels(app, dep);
        return b;
    }
};

long vmHwmKb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

TEST_F(DockerBuildTest, AFailingBuildCarriesTheDaemonsMessage) {
    auto failingStep = request("dep_1", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"exit 42\"]\n");
    EXPECT_TRUE(failsWith([&] { rt->build(failingStep); }, ErrorKind::BuildFailed, "returned a non-zero code: 42"));
    auto missingFile = request("dep_2", "FROM scratch\nCOPY no-such-file /x\n");
    EXPECT_TRUE(failsWith([&] { rt->build(missingFile); }, ErrorKind::BuildFailed, "no-such-file"));
    auto noDockerfile = request("dep_3", "FROM scratch\n");
    noDockerfile.dockerfile = "docker/Missing.Dockerfile";
    EXPECT_TRUE(failsWith([&] { rt->build(noDockerfile); }, ErrorKind::BuildFailed, "Missing.Dockerfile"));
}

TEST_F(DockerBuildTest, HonoursDockerignoreAndLeavesOutGit) {
    auto b = request("dep_1", "FROM scratch\nCOPY . /ctx/\nRUN [\"/ctx/busybox\", \"find\", \"/ctx\"]\n");
    test::writeFiles(b.contextDir, {{".dockerignore", "secret.env\nlogs/**\n!logs/keep.log\n**/*.tmp\n"},
                                    {"app.txt", "app"},
                                    {"secret.env", "PASSWORD=x"},
                                    {"logs/a.log", "a"},
                                    {"logs/keep.log", "k"},
                                    {"src/deep/x.tmp", "t"},
                                    {".git/config", "[core]"}});
    std::string listing;
    b.onProgress = [&](std::string_view l) { listing += std::string(l) + "\n"; };
    rt->build(b);
    EXPECT_NE(listing.find("/ctx/app.txt"), std::string::npos) << listing;
    EXPECT_NE(listing.find("/ctx/logs/keep.log"), std::string::npos) << listing;
    EXPECT_NE(listing.find("/ctx/Dockerfile"), std::string::npos) << listing;
    for (auto gone : {"secret.env", "logs/a.log", "x.tmp", ".git"}) EXPECT_EQ(listing.find(gone), std::string::npos) << gone;
}

TEST_F(DockerBuildTest, BuildArgsTargetAndNoCacheReachTheEngine) {
    auto b = request("dep_1",
                     "FROM scratch AS first\nCOPY busybox /bin/busybox\nARG GREETING=unset\n"
                     "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo greeting=$GREETING\"]\n"
                     "FROM first AS second\nRUN [\"/bin/busybox\", \"false\"]\n");
    b.buildArgs = {{"GREETING", "hello"}};
    b.target = "first";  // the failing second stage is never built
    b.noCache = true;
    b.memoryBytes = 256 * 1024 * 1024;
    b.cpus = 1.0;
    std::string log;
    b.onProgress = [&](std::string_view l) { log += std::string(l) + "\n"; };
    rt->build(b);
    EXPECT_NE(log.find("greeting=hello"), std::string::npos) << log;
    EXPECT_EQ(log.find("Using cache"), std::string::npos) << log;
}

TEST_F(DockerBuildTest, ACancelledBuildStopsAndLeavesNoBuildContainerRunning) {
    auto b = request("dep_1", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sleep\", \"120\"]\n");
    std::atomic<bool> sleeping{false};
    b.onProgress = [&](std::string_view l) {
        if (l.find("Running in") != std::string_view::npos) sleeping = true;
    };
    auto sleeperRunning = [&] {
        for (const auto& c : rt->listContainers({}, false))
            if (c.command.find("sleep 120") != std::string::npos) return true;
        return false;
    };
    bool sawSleeper = false;
    auto canceller = std::async(std::launch::async, [&] {
        for (int i = 0; i < 200 && !sleeping; ++i) std::this_thread::sleep_for(50ms);
        for (int i = 0; i < 50 && !sawSleeper; ++i) {
            sawSleeper = sleeperRunning();
            if (!sawSleeper) std::this_thread::sleep_for(50ms);
        }
        b.cancel.cancel();
    });
    auto t0 = std::chrono::steady_clock::now();
    expectBuildCancelled(b);
    canceller.get();
    EXPECT_TRUE(sleeping.load());
    EXPECT_TRUE(sawSleeper) << "the check below must be able to see the build's container";
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 15s);
    // The engine tears the build's container down once the client is gone.
    for (int i = 0; i < 100 && sleeperRunning(); ++i) std::this_thread::sleep_for(100ms);
    EXPECT_FALSE(sleeperRunning()) << "the build's sleep container outlived the cancel";
    EXPECT_THROW(rt->inspectImage(imageRef(app, "dep_1")), RuntimeError);
}

TEST_F(DockerBuildTest, FiftyMegabyteContextStreamsWithFlatMemory) {
    auto b = request("dep_1", "FROM scratch\nCOPY Dockerfile /Dockerfile\n");
    std::string chunk(1024 * 1024, '\0');
    for (int f = 0; f < 50; ++f) {
        for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<char>((i * 7919 + static_cast<std::size_t>(f)) % 253);
        std::ofstream(b.contextDir / ("blob" + std::to_string(f) + ".bin"), std::ios::binary).write(chunk.data(),
                                                                                                     static_cast<std::streamsize>(chunk.size()));
    }
    chunk.clear();
    chunk.shrink_to_fit();
    long before = vmHwmKb();
    auto result = rt->build(b);
    long after = vmHwmKb();
    std::cout << "[ figure ] 50 MB context: streamed " << result.contextBytes / 1024 << " KiB, VmHWM before "
              << before << " KiB, after " << after << " KiB, growth " << (after - before) << " KiB\n";
    EXPECT_GT(result.contextBytes, 50u * 1024 * 1024);
    EXPECT_LT(after - before, 8 * 1024) << "peak RSS must stay well under the context size";
}

}  // namespace
}  // namespace rivetr::runtime
