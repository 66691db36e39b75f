// The feed journal: numbered status changes, what a resuming client missed, and ids it cannot serve.
#include "api/apps/feed_journal.hpp"

#include <gtest/gtest.h>

namespace rivetr::api {
namespace {

void publish(engine::DeploymentEvents& events, const std::string& id) {
    engine::DeploymentEvent e;
    e.deploymentId = id;
    e.status = "building";
    events.publish(e);
}

TEST(FeedJournal, GivesWhatCameAfterAnIdAndRefusesWhatItNoLongerHolds) {
    engine::DeploymentEvents events;
    FeedJournal journal(events, 2);
    auto start = journal.latest();
    int woken = 0;
    auto listening = journal.listen([&] { ++woken; });
    publish(events, "a");
    publish(events, "b");
    auto both = journal.after(start);
    ASSERT_TRUE(both);
    ASSERT_EQ(both->size(), 2u);
    EXPECT_EQ((*both)[0].event.deploymentId, "a");
    EXPECT_EQ((*both)[1].id, journal.latest());
    EXPECT_EQ(woken, 2);
    publish(events, "c");  // "a" drops out of a journal of two
    EXPECT_FALSE(journal.after(start)) << "a client that missed a dropped change must be told to resync";
    auto rest = journal.after((*both)[0].id);
    ASSERT_TRUE(rest);
    ASSERT_EQ(rest->size(), 2u);
    EXPECT_EQ((*rest)[1].event.deploymentId, "c");
    EXPECT_TRUE(journal.after(journal.latest())->empty());
    EXPECT_FALSE(journal.after(journal.latest() + 1)) << "an id never given";
    EXPECT_FALSE(journal.after(12)) << "an id from an earlier run";
    listening.reset();
    publish(events, "d");
    EXPECT_EQ(woken, 3);
}

TEST(FeedJournal, KeepsStatusChangesOnly) {
    engine::DeploymentEvents events;
    FeedJournal journal(events);
    auto start = journal.latest();
    engine::DeploymentEvent line;
    line.deploymentId = "a";
    line.kind = engine::DeploymentEvent::Kind::Log;
    events.publish(line);
    EXPECT_TRUE(journal.after(start)->empty());
}

}  // namespace
}  // namespace rivetr::api
