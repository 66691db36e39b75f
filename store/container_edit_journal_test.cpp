// The edit journal: a row per edit in flight, its steps, the old config sealed, and what a restart finds unfinished.
#include "store/container_edit_journal.hpp"

#include <gtest/gtest.h>

#include "store/plaintext_scan.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::store {
namespace {

struct EditJournal : ::testing::Test {
    test::TempDir dir;
    std::unique_ptr<Store> store = Store::open(dir.path());
    crypto::Key256 key = *crypto::keyFromHex(std::string(64, 'c'));

    static ContainerEdit edit(const std::string& id) {
        return {id, "local", "c0ffee", "web", "web", "web-rivetr-edit-1", "web-rivetr-old-1", "", true,
                EditStep::Swap, R"({"Config":{"Env":["DB_PASSWORD=hunter2-secret"]}})", 0};
    }
};

TEST_F(EditJournal, AnEditIsRecordedAdvancedAndFoundUnfinishedByTheNextProcess) {
    {
        ContainerEditJournal journal(*store, SecretBox(key));
        journal.begin(edit("ced_1"));
        journal.begin(edit("ced_2"));
        journal.advance("ced_1", EditStep::Swap, "beef");
        journal.advance("ced_1", EditStep::Cleanup);
        journal.finish("ced_2");
    }
    store.reset();
    store = Store::open(dir.path());  // as after a crash: only what is on disk
    auto left = ContainerEditJournal(*store, SecretBox(key)).unfinished();
    ASSERT_EQ(left.size(), 1u);
    const auto& e = left[0];
    EXPECT_EQ(e.id, "ced_1");
    EXPECT_EQ(e.step, EditStep::Cleanup);
    EXPECT_EQ(e.newId, "beef") << "an advance without an id keeps the stored one";
    EXPECT_EQ(e.oldId, "c0ffee");
    EXPECT_EQ(e.oldName, "web");
    EXPECT_EQ(e.parkedName, "web-rivetr-old-1");
    EXPECT_EQ(e.tempName, "web-rivetr-edit-1");
    EXPECT_TRUE(e.wasRunning);
    EXPECT_EQ(e.oldInspect, edit("x").oldInspect);
    EXPECT_GT(e.createdAt, 0);
}

// The running server's recovery pass reads the same journal as the edits in flight: it sees an edit only once
// nobody in this process is working on it any more.
TEST_F(EditJournal, AnEditUnderWayIsNotUnfinishedUntilItsEditReleasesIt) {
    ContainerEditJournal journal(*store, SecretBox(key));
    journal.begin(edit("ced_1"));
    journal.begin(edit("ced_2"));
    EXPECT_TRUE(journal.unfinished().empty()) << "both are under way";
    journal.release("ced_1");
    auto left = journal.unfinished();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].id, "ced_1");
    journal.finish("ced_2");
    EXPECT_EQ(journal.unfinished().size(), 1u);
}

TEST_F(EditJournal, TheOldConfigIsNotStoredInClear) {
    ContainerEditJournal(*store, SecretBox(key)).begin(edit("ced_1"));
    store->withDb([](Database& db) { EXPECT_FALSE(anyCellContains(db, "hunter2-secret")); });
}

}  // namespace
}  // namespace rivetr::store
