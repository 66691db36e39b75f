// An edit stopped by a crash at each of its steps, against the real dockerd: the recovery pass of the next
// start finishes or rolls it back, and no container is ever lost or doubled.
#include "containers/edit_recovery.hpp"

#include "containers/manager_test_fixture.hpp"
#include "store/container_edit_journal.hpp"

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;
using store::Role;

// Not a ContainerError: the edit's own rollback does not catch it, as nothing runs after a crash.
struct Crash {};

class EditRecoveryTest : public testing::ManagerTest {
protected:
    void SetUp() override {
        ManagerTest::SetUp();
        if (!rt) return;
        store = store::Store::open(data.path());
        journal = std::make_unique<store::ContainerEditJournal>(*store, store::SecretBox(key));
        manager = std::make_unique<ContainerManager>(*directory, localPolicyDefaults(), &apps, journal.get());
    }

    // The process that comes up after the crash: a new manager over the same database.
    std::vector<RecoveredEdit> restart() {
        store.reset();
        store = store::Store::open(data.path());
        journal = std::make_unique<store::ContainerEditJournal>(*store, store::SecretBox(key));
        manager = std::make_unique<ContainerManager>(*directory, localPolicyDefaults(), &apps, journal.get());
        return manager->recoverEdits();
    }

    static std::string env(const Json& doc, const std::string& name) {
        for (const auto& e : doc["Config"]["Env"])
            if (e.get<std::string>().rfind(name + "=", 0) == 0) return e.get<std::string>().substr(name.size() + 1);
        return "";
    }

    test::TempDir data{"rivetr-edit-journal"};
    crypto::Key256 key = *crypto::keyFromHex(std::string(64, 'd'));
    std::unique_ptr<store::Store> store;
    std::unique_ptr<store::ContainerEditJournal> journal;
};

TEST_F(EditRecoveryTest, ACrashAtEveryStepIsFinishedOrRolledBackAtTheNextStart) {
    const std::vector<std::pair<const char*, EditRecovery>> steps{
        {"journaled", EditRecovery::RolledBack}, {"created", EditRecovery::RolledBack},
        {"stopped", EditRecovery::RolledBack},   {"started", EditRecovery::RolledBack},
        {"parked", EditRecovery::RolledBack},    {"renamed", EditRecovery::Finished}};
    int i = 0;
    for (const auto& [step, expected] : steps) {
        SCOPED_TRACE(step);
        ContainerConfig c = config("web" + std::to_string(i++));
        c.env = {{"VERSION", "old"}};
        std::string oldId = manager->create("", c, Role::developer, true).id;
        manager->setEditFaultPoint([at = std::string(step)](const char* s) {
            if (at == s) throw Crash{};
        });
        EXPECT_THROW(manager->edit("", oldId, {{"env", {{"VERSION", "new"}}}}, Role::developer), Crash);

        auto recovered = restart();
        ASSERT_EQ(recovered.size(), 1u) << "the interrupted edit was journaled";
        EXPECT_EQ(recovered[0].outcome, expected) << recovered[0].error;
        EXPECT_EQ(ours(), static_cast<std::size_t>(i)) << "one container per edited one: none lost, none left over";
        Json now = rt->inspectContainerJson(c.name);
        EXPECT_TRUE(now["State"]["Running"].get<bool>()) << "it ran before the edit, it runs after the recovery";
        EXPECT_EQ(env(now, "VERSION"), expected == EditRecovery::Finished ? "new" : "old");
        EXPECT_EQ(now["Id"] == oldId, expected == EditRecovery::RolledBack);
        EXPECT_TRUE(restart().empty()) << "a recovered edit leaves the journal";
    }
}

TEST_F(EditRecoveryTest, AnEditThatCompletesOrIsRefusedLeavesNoJournalRow) {
    ContainerConfig c = config("done");
    std::string id = manager->create("", c, Role::developer, false).id;
    manager->edit("", id, {{"env", {{"A", "1"}}}}, Role::developer);
    EXPECT_THROW(manager->edit("", c.name, {{"privileged", true}}, Role::developer), ContainerError);
    EXPECT_TRUE(journal->unfinished().empty());
}

TEST_F(EditRecoveryTest, WhenBothContainersAreGoneTheOldOneIsMadeAgainFromTheJournal) {
    ContainerConfig c = config("gone");
    c.env = {{"VERSION", "old"}};
    std::string oldId = manager->create("", c, Role::developer, false).id;
    manager->setEditFaultPoint([](const char* s) {
        if (std::string(s) == "parked") throw Crash{};
    });
    EXPECT_THROW(manager->edit("", oldId, {{"env", {{"VERSION", "new"}}}}, Role::developer), Crash);
    runtime::ContainerQuery mine;
    mine.labels = {{kRunLabel, run}};
    for (const auto& row : rt->queryContainers(mine))
        rt->removeContainer(row.id, {.force = true, .volumes = false});  // someone cleaned up by hand meanwhile
    auto recovered = restart();
    ASSERT_EQ(recovered.size(), 1u);
    EXPECT_EQ(recovered[0].outcome, EditRecovery::Recreated) << recovered[0].error;
    EXPECT_EQ(env(rt->inspectContainerJson(c.name), "VERSION"), "old");
}

}  // namespace
}  // namespace rivetr::containers
