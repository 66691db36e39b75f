// Migrations: applied once in order, refused on a newer database, atomic even under SIGKILL.
#include "store/migrator.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::store {
namespace {

bool tableExists(Database& db, const std::string& name) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
    st.bind(1, name);
    return st.step();
}

const std::vector<Migration> kTwo{
    {1, "first", "CREATE TABLE a(x INTEGER);"},
    {2, "second", "CREATE TABLE b(y INTEGER); INSERT INTO b VALUES (42);"},
};

TEST(Migrator, EmbeddedMigrationsCreateTheFoundationTables) {
    test::TempDir dir;
    auto store = Store::open(dir.path());
    EXPECT_EQ(store->schemaVersion(), embeddedMigrations().back().version);
    EXPECT_TRUE(store->ping());
    std::set<std::string> expected{"apps",     "domains",    "deployments", "deployment_logs", "env_vars",
                                   "users",    "api_tokens", "sessions",    "audit_log"};
    store->withDb([&](Database& db) {
        for (const auto& t : expected) EXPECT_TRUE(tableExists(db, t)) << t;
    });
}

TEST(Migrator, AppliesInOrderOnceAndRecordsVersions) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    auto first = migrate(db, kTwo);
    EXPECT_EQ(first.fromVersion, 0);
    EXPECT_EQ(first.toVersion, 2);
    auto again = migrate(db, kTwo);
    EXPECT_EQ(again.fromVersion, 2);
    EXPECT_EQ(again.toVersion, 2);
    auto st = db.prepare("SELECT count(*) FROM b");
    st.step();
    EXPECT_EQ(st.getInt(0), 1) << "migration 2 ran twice";
}

// Branches land their migrations in any order: a database that got 1 and 3 before 2 was merged
// still gets 2 (and 1 and 3 are not run again).
TEST(Migrator, AppliesAMigrationThatLandedAfterAHigherOne) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    const std::vector<Migration> first{kTwo[0], {3, "third", "CREATE TABLE c(z INTEGER);"}};
    migrate(db, first);
    const std::vector<Migration> all{kTwo[0], kTwo[1], first[1]};
    auto out = migrate(db, all);
    EXPECT_EQ(out.fromVersion, 3);
    EXPECT_EQ(out.toVersion, 3);
    EXPECT_TRUE(tableExists(db, "b")) << "migration 2 was skipped because 3 was applied first";
    auto st = db.prepare("SELECT count(*) FROM schema_migrations");
    st.step();
    EXPECT_EQ(st.getInt(0), 3);
}

TEST(Migrator, RefusesADatabaseNewerThanTheBinary) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    migrate(db, kTwo);
    try {
        migrate(db, {kTwo[0]});
        FAIL() << "expected SchemaTooNewError";
    } catch (const SchemaTooNewError& e) {
        EXPECT_NE(std::string(e.what()).find("schema version 2"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("knows only up to 1"), std::string::npos) << e.what();
    }
}

TEST(Migrator, FailingMigrationIsRolledBackAndNamed) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    std::vector<Migration> bad{kTwo[0], {2, "broken", "CREATE TABLE c(z INTEGER); INSERT INTO nowhere VALUES (1);"}};
    try {
        migrate(db, bad);
        FAIL() << "expected an error";
    } catch (const DbError& e) {
        EXPECT_NE(std::string(e.what()).find("2_broken"), std::string::npos) << e.what();
    }
    EXPECT_EQ(currentSchemaVersion(db), 1);
    EXPECT_FALSE(tableExists(db, "c")) << "half of migration 2 was kept";
}

// A real process is SIGKILLed while a long migration is inside its transaction; the database
// must come back at the previous version and take the migration cleanly on the next start.
TEST(Migrator, SigkillDuringAMigrationLeavesThePreviousVersion) {
    test::TempDir dir;
    auto path = dir / "t.db";
    {
        auto db = Database::open(path);
        migrate(db, {kTwo[0]});
    }
    const std::vector<Migration> slow{
        kTwo[0],
        {2, "slow",
         "CREATE TABLE big(x INTEGER);"
         "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000000)"
         " INSERT INTO big SELECT x FROM c;"},
    };
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(ready[0]);
        auto db = Database::open(path);
        migrate(db, slow, [&](const Migration&) { (void)!::write(ready[1], "x", 1); });
        ::_exit(0);  // not reached within the test's patience: the parent kills us first
    }
    ::close(ready[1]);
    char c = 0;
    ASSERT_EQ(::read(ready[0], &c, 1), 1);
    ::close(ready[0]);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // well inside the INSERT
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the migration finished before the kill; make it slower";

    auto db = Database::open(path);
    EXPECT_EQ(currentSchemaVersion(db), 1);
    EXPECT_FALSE(tableExists(db, "big"));
    auto outcome = migrate(db, kTwo);
    EXPECT_EQ(outcome.toVersion, 2);
    EXPECT_TRUE(tableExists(db, "b"));
}

}  // namespace
}  // namespace rivetr::store
