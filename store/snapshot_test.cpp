// The online snapshot: consistent while another process writes, self-contained, and honest about bad input.
#include "store/snapshot.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/subprocess.hpp"
#include "store/database_in_use.hpp"
#include "store/store.hpp"
#include "tests/support/small_tmpfs.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::store {
namespace {

namespace fs = std::filesystem;

std::int64_t count(const fs::path& db, const char* sql) {
    auto d = Database::open(db);
    auto st = d.prepare(sql);
    st.step();
    return st.getInt(0);
}

TEST(Snapshot, CopiesAConsistentDatabaseWhileAnotherConnectionWrites) {
    test::TempDir dir;
    auto store = Store::open(dir.path());
    store->withDb([](Database& db) { db.exec("CREATE TABLE t(n INTEGER, pad TEXT); CREATE TABLE total(n INTEGER);"
                                             "INSERT INTO total VALUES (0);"); });
    // Each transaction inserts a row and bumps the total together: a torn copy would disagree.
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        for (int i = 0; !stop; ++i) {
            store->withDb([i](Database& db) {
                Transaction tx(db);
                db.prepare("INSERT INTO t VALUES (?, hex(randomblob(512)))").bind(1, i).exec();
                db.exec("UPDATE total SET n = n + 1");
                tx.commit();
            });
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto copy = dir.path() / "copy.db";
    auto info = snapshotDatabase(Store::databasePath(dir.path()), copy);
    stop = true;
    writer.join();

    EXPECT_EQ(info.schemaVersion, knownSchemaVersion());
    auto rows = count(copy, "SELECT COUNT(*) FROM t");
    EXPECT_GT(rows, 0);
    EXPECT_EQ(rows, count(copy, "SELECT n FROM total"));
    EXPECT_FALSE(fs::exists(dir.path() / "copy.db-wal"));
}

TEST(Snapshot, ACopyOntoAFullDiskNamesTheDisk) {
    test::TempDir dir;
    {
        auto store = Store::open(dir.path());
        store->withDb([](Database& db) {
            db.exec("CREATE TABLE t(pad TEXT)");
            for (int i = 0; i < 200; ++i) db.exec("INSERT INTO t VALUES (hex(randomblob(1024)))");
        });
    }
    test::SmallTmpfs disk(dir / "disk", 64 * 1024);
    try {
        snapshotDatabase(Store::databasePath(dir.path()), disk.path() / "copy.db");
        FAIL() << "400 KB of pages cannot fit in 64 KB";
    } catch (const SnapshotError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("no space left on device: "), std::string::npos) << m;
        EXPECT_NE(m.find(" free in " + disk.path().string()), std::string::npos) << m;
    }
}

TEST(Snapshot, RefusesMissingSourcesAndExistingDestinations) {
    test::TempDir dir;
    EXPECT_THROW(snapshotDatabase(dir.path() / "none.db", dir.path() / "out.db"), SnapshotError);
    EXPECT_FALSE(fs::exists(dir.path() / "out.db"));
    Store::open(dir.path());
    test::writeFile(dir.path() / "out.db", "keep me");
    EXPECT_THROW(snapshotDatabase(Store::databasePath(dir.path()), dir.path() / "out.db"), SnapshotError);
    EXPECT_EQ(test::readFile(dir.path() / "out.db"), "keep me");
}

TEST(Snapshot, SchemaVersionOfRejectsAFileThatIsNotADatabase) {
    test::TempDir dir;
    test::writeFile(dir.path() / "x.db", std::string(4096, 'x'));
    EXPECT_THROW(schemaVersionOf(dir.path() / "x.db"), SnapshotError);
}

// The lock is per process, so the holder must be another process: the sqlite3 shell keeps the
// database open while it waits on its stdin.
TEST(DatabaseInUse, SeesAnotherProcessHoldingTheDatabase) {
    test::TempDir dir;
    Store::open(dir.path());  // creates and closes it
    auto db = Store::databasePath(dir.path());
    EXPECT_FALSE(databaseInUse(db));
    test::writeFile(dir.path() / "fifo-input.sql", "SELECT count(*) FROM schema_migrations;\n.shell sleep 3\n");
    SpawnOptions o;
    o.stdinFile = dir.path() / "fifo-input.sql";
    auto holder = Process::spawn({"sqlite3", db.string()}, o);
    bool seen = false;
    for (int i = 0; i < 50 && !seen; ++i) {
        seen = databaseInUse(db);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(seen);
    holder.wait();
    EXPECT_FALSE(databaseInUse(db));
}

}  // namespace
}  // namespace rivetr::store
