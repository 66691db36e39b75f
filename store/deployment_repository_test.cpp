// Deployments: transitions stamped and final once terminal, logs written in batches and read in order.
#include "store/deployment_repository.hpp"

#include <map>

#include <gtest/gtest.h>

#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

DeploymentRecord pending(const std::string& id) {
    DeploymentRecord d;
    d.id = id;
    d.appId = "app_1";
    return d;
}

struct Deployments : testing::AppStoreTest {
    DeploymentRepository repo{*store};
    void SetUp() override {
        createApp("app_1", "web");
        repo.create(pending("dep_1"));
    }
};

// A deployment created with a known commit (a webhook's pushed SHA) shows it from the start.
TEST_F(Deployments, CreateStoresAKnownCommit) {
    auto d = pending("dep_2");
    d.requestedCommit = d.commitSha = std::string(40, 'a');
    repo.create(d);
    auto stored = *repo.get("dep_2");
    EXPECT_EQ(stored.commitSha, d.commitSha);
    EXPECT_EQ(stored.requestedCommit, d.requestedCommit);
    EXPECT_FALSE(repo.get("dep_1")->commitSha) << "a deployment without a known commit has none";
}

TEST_F(Deployments, TransitionsAreStampedAndTerminalIsFinal) {
    EXPECT_TRUE(repo.transition("dep_1", "cloning"));
    auto d = *repo.get("dep_1");
    EXPECT_EQ(d.status, "cloning");
    EXPECT_TRUE(d.startedAt);
    EXPECT_FALSE(d.finishedAt);
    EXPECT_EQ(repo.unfinished().size(), 1u);
    EXPECT_TRUE(repo.transition("dep_1", "failed", std::string("boom")));
    EXPECT_FALSE(repo.transition("dep_1", "running")) << "a failed deployment came back to life";
    d = *repo.get("dep_1");
    EXPECT_EQ(d.status, "failed");
    EXPECT_EQ(d.error, "boom");
    EXPECT_TRUE(d.finishedAt);
    EXPECT_TRUE(repo.unfinished().empty());
}

TEST_F(Deployments, RunningMayOnlyBecomeReplaced) {
    repo.transition("dep_1", "running");
    EXPECT_FALSE(repo.transition("dep_1", "failed"));
    EXPECT_TRUE(repo.transition("dep_1", "replaced"));
}

TEST_F(Deployments, UnknownStatusIsRejectedByTheSchema) {
    EXPECT_THROW(repo.transition("dep_1", "exploded"), DbError);
}

TEST_F(Deployments, LogsInBatchesInOrder) {
    std::vector<LogLine> batch;
    for (int i = 0; i < 500; ++i) batch.push_back({0, i, "build", "line " + std::to_string(i)});
    repo.appendLogs("dep_1", batch);
    auto all = repo.logs("dep_1");
    ASSERT_EQ(all.size(), 500u);
    EXPECT_EQ(all[499].line, "line 499");
    auto tail = repo.logs("dep_1", all[497].id);
    ASSERT_EQ(tail.size(), 2u);
    EXPECT_EQ(tail[0].line, "line 498");
}

TEST_F(Deployments, ListNewestFirst) {
    repo.create(pending("dep_2"));
    auto list = repo.listForApp("app_1");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, "dep_2");
}

TEST_F(Deployments, RecentAndLatestPerAppSpanApps) {
    for (const char* id : {"app_2", "app_3"}) createApp(id, std::string("web-") + id[4]);
    repo.create(pending("dep_2"));
    auto other = pending("dep_3");
    other.appId = "app_2";
    repo.create(other);

    auto recent = repo.recent(2);
    ASSERT_EQ(recent.size(), 2u);
    EXPECT_EQ(recent[0].id, "dep_3");
    EXPECT_EQ(recent[1].id, "dep_2");

    auto latest = repo.latestPerApp();  // app_3 has none and is absent
    ASSERT_EQ(latest.size(), 2u);
    std::map<std::string, std::string> byApp;
    for (const auto& d : latest) byApp[d.appId] = d.id;
    EXPECT_EQ(byApp["app_1"], "dep_2") << "an older deployment of app_1 was reported as its latest";
    EXPECT_EQ(byApp["app_2"], "dep_3");
}

}  // namespace
}  // namespace rivetr::store

namespace rivetr::store {
namespace {

TEST_F(Deployments, CountByStatus) {
    repo.create(pending("dep_2"));
    repo.create(pending("dep_3"));
    repo.transition("dep_3", "failed", std::string("x"));
    auto counts = repo.countByStatus();
    EXPECT_EQ(counts["pending"], 2);
    EXPECT_EQ(counts["failed"], 1);
    EXPECT_EQ(counts.count("running"), 0u);
}

TEST_F(Deployments, LogRetentionKeepsTheNewestDeploymentsLogs) {
    for (int i = 2; i <= 5; ++i) repo.create(pending("dep_" + std::to_string(i)));
    for (int i = 1; i <= 5; ++i) {
        auto id = "dep_" + std::to_string(i);
        repo.appendLogs(id, {{0, 1, "build", id + " line a"}, {0, 2, "build", id + " line b"}});
    }
    EXPECT_EQ(repo.pruneLogs("app_1", 2), 6);
    for (int i = 1; i <= 5; ++i) {
        auto id = "dep_" + std::to_string(i);
        EXPECT_EQ(repo.logs(id).size(), i >= 4 ? 2u : 0u) << id;
        EXPECT_TRUE(repo.get(id)) << "retention removed the deployment itself";
    }
    EXPECT_EQ(repo.pruneLogs("app_1", 2), 0);
}

}  // namespace
}  // namespace rivetr::store
