// The connection is opened the way the house rules demand: WAL, foreign keys enforced, typed errors.
#include "store/database.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace rivetr::store {
namespace {

TEST(Database, OpensInWalWithForeignKeysOn) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    auto mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.getText(0), "wal");
    auto fk = db.prepare("PRAGMA foreign_keys");
    ASSERT_TRUE(fk.step());
    EXPECT_EQ(fk.getInt(0), 1);
}

TEST(Database, ForeignKeyViolationIsAConstraintError) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    db.exec("CREATE TABLE p(id TEXT PRIMARY KEY); CREATE TABLE c(p TEXT NOT NULL REFERENCES p(id));");
    try {
        db.prepare("INSERT INTO c(p) VALUES ('missing')").exec();
        FAIL() << "expected a constraint error";
    } catch (const DbError& e) {
        EXPECT_TRUE(e.isConstraint()) << e.what();
    }
}

TEST(Database, TransactionRollsBackUnlessCommitted) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    db.exec("CREATE TABLE t(x INTEGER)");
    {
        Transaction tx(db);
        db.prepare("INSERT INTO t VALUES (1)").exec();
    }
    {
        Transaction tx(db);
        db.prepare("INSERT INTO t VALUES (2)").exec();
        tx.commit();
    }
    auto st = db.prepare("SELECT group_concat(x) FROM t");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.getText(0), "2");
}

TEST(Database, TypedColumnsRoundTrip) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    db.exec("CREATE TABLE t(i INTEGER, s TEXT, b BLOB, n TEXT)");
    std::vector<std::uint8_t> blob{0, 1, 255};
    db.prepare("INSERT INTO t VALUES (?, ?, ?, ?)")
        .bindAll(std::int64_t{1} << 40, std::string_view("a\0b", 3), blob, std::optional<std::string>())
        .exec();
    auto st = db.prepare("SELECT i, s, b, n FROM t");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.getInt(0), std::int64_t{1} << 40);
    EXPECT_EQ(st.getText(1), std::string("a\0b", 3));
    EXPECT_EQ(st.getBlob(2), blob);
    EXPECT_FALSE(st.getOptText(3));
}

// bindAll and columnsFrom keep a row's fields in one ordered list, each bound or read by its type.
TEST(Database, OrderedBindsAndColumnsRoundTripEveryFieldType) {
    test::TempDir dir;
    auto db = Database::open(dir / "t.db");
    db.exec("CREATE TABLE t(s TEXT, i INTEGER, n INTEGER, flag INTEGER, os TEXT, oi INTEGER, b BLOB, none TEXT)");
    const std::vector<std::uint8_t> blob{7, 0, 9};
    db.prepare("INSERT INTO t VALUES (?,?,?,?,?,?,?,?)")
        .bindAll(std::string("text"), std::int64_t{1} << 41, 42, true, std::optional<std::string>("opt"),
                 std::optional<std::int64_t>(-3), blob, std::optional<std::string>())
        .exec();
    auto st = db.prepare("SELECT 'skipped', s, i, n, flag, os, oi, b, none FROM t");
    ASSERT_TRUE(st.step());
    std::string s;
    std::int64_t i = 0;
    int n = 0;
    bool flag = false;
    std::optional<std::string> os, none{"was set"};
    std::optional<std::int64_t> oi;
    std::vector<std::uint8_t> b;
    EXPECT_EQ(st.columnsFrom(1, s, i, n, flag, os, oi, b, none), 9);
    EXPECT_EQ(s, "text");
    EXPECT_EQ(i, std::int64_t{1} << 41);
    EXPECT_EQ(n, 42);
    EXPECT_TRUE(flag);
    EXPECT_EQ(os, "opt");
    EXPECT_EQ(oi, -3);
    EXPECT_EQ(b, blob);
    EXPECT_FALSE(none);
}

}  // namespace
}  // namespace rivetr::store
