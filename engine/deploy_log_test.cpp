// The deployment log: a quiet last line still reaches the store quickly, and an announced line is
// always already readable (the SSE stream reads the store when it is woken).
#include "engine/deploy_log.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/app_repository.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::engine {
namespace {

using namespace std::chrono_literals;

struct DeployLogTest : ::testing::Test {
    test::TempDir dir;
    std::unique_ptr<store::Store> store = store::Store::open(dir.path());
    store::AppRepository apps{*store, store::SecretBox(*crypto::keyFromHex(std::string(64, 'a')))};
    store::DeploymentRepository deployments{*store};
    DeploymentEvents events;

    void SetUp() override {
        store::AppRecord a;
        a.id = "app_1";
        a.name = "web";
        a.gitUrl = "https://example.com/web.git";
        a.port = 8000;
        a.webhookSecret = "s";
        apps.create(a);
        store::DeploymentRecord d;
        d.id = "dep_1";
        d.appId = "app_1";
        deployments.create(d);
    }
};

TEST_F(DeployLogTest, AQuietLastLineIsStoredWithinAMoment) {
    DeployLog log(deployments, events, "dep_1", "app_1");
    log.write("build", "Step 1/2 : FROM scratch\n");
    std::this_thread::sleep_for(300ms);  // the first line may be flushed at once: start a fresh batch window
    log.write("build", "Step 2/2 : RUN sleep 30\n");
    auto until = std::chrono::steady_clock::now() + 2s;
    while (deployments.logs("dep_1").size() < 2 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(20ms);
    }
    auto stored = deployments.logs("dep_1");
    ASSERT_EQ(stored.size(), 2u) << "the last line waited for another one";
    EXPECT_EQ(stored[1].line, "Step 2/2 : RUN sleep 30");
}

// Build output and remote messages may quote a URL with its credentials: stored and streamed without.
TEST_F(DeployLogTest, UrlCredentialsNeverReachTheLog) {
    std::string streamed;
    auto sub = events.subscribe("dep_1", [&](const DeploymentEvent& e) { streamed += e.line; });
    {
        DeployLog log(deployments, events, "dep_1", "app_1");
        log.write("build", "Cloning into 'x'... from https://deploy:hunter2@git.example.com/o/r.git\n");
    }
    auto stored = deployments.logs("dep_1");
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].line, "Cloning into 'x'... from https://***@git.example.com/o/r.git");
    EXPECT_EQ(streamed.find("hunter2"), std::string::npos) << streamed;
}

TEST_F(DeployLogTest, EveryAnnouncedLineIsAlreadyStoredAndInOrder) {
    std::atomic<int> announced{0}, missing{0};
    auto sub = events.subscribe("dep_1", [&](const DeploymentEvent& e) {
        if (e.kind != DeploymentEvent::Kind::Log) return;
        int n = ++announced;
        auto stored = deployments.logs("dep_1");
        if (static_cast<int>(stored.size()) < n || stored[static_cast<std::size_t>(n - 1)].line != e.line) ++missing;
    });
    {
        DeployLog log(deployments, events, "dep_1", "app_1");
        for (int i = 0; i < 500; ++i) {
            log.write("build", "line " + std::to_string(i) + "\n");
            if (i % 100 == 0) std::this_thread::sleep_for(300ms);
        }
    }
    EXPECT_EQ(announced.load(), 500);
    EXPECT_EQ(missing.load(), 0) << "a line was announced before the store had it, or out of order";
    auto stored = deployments.logs("dep_1");
    ASSERT_EQ(stored.size(), 500u);
    for (int i = 0; i < 500; ++i) EXPECT_EQ(stored[static_cast<std::size_t>(i)].line, "line " + std::to_string(i));
}

}  // namespace
}  // namespace rivetr::engine
