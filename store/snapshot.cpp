// A consistent copy of a live SQLite database through the online backup API (a file copy could tear a WAL database).
#include "store/snapshot.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <thread>

#include "core/file_write.hpp"
#include "store/migration.hpp"

namespace rivetr::store {
namespace {

namespace fs = std::filesystem;
using Handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Handle openFile(const fs::path& path, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Handle db(raw, &sqlite3_close);
    if (rc != SQLITE_OK) {
        throw SnapshotError("cannot open " + path.string() + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(raw, 10000);
    return db;
}

// Runs one single-row, single-column query and returns its text ("" when there is no row).
std::string queryText(sqlite3* db, const char* sql, const fs::path& path) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
        std::string why = sqlite3_errmsg(db);
        sqlite3_finalize(st);
        throw SnapshotError(path.string() + " is not a usable Rivetr database: " + why);
    }
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return out;
}

void copyPages(sqlite3* from, sqlite3* to, const fs::path& source, const fs::path& dest) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) throw SnapshotError("cannot start the backup of " + source.string() + ": " + sqlite3_errmsg(to));
    // All pages in one step: a single read transaction, so the copy is one consistent moment even
    // while the server writes (WAL readers never block the writer). BUSY/LOCKED are retried.
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 100; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    sqlite3_backup_finish(backup);
    if (rc == SQLITE_FULL) throw SnapshotError("the backup of " + source.string() + " failed: " + describeWriteError(ENOSPC, dest));
    if (rc != SQLITE_DONE) {
        throw SnapshotError("the backup of " + source.string() + " failed: " + sqlite3_errstr(rc));
    }
}

}  // namespace

SnapshotInfo snapshotDatabase(const fs::path& source, const fs::path& dest) {
    std::error_code ec;
    if (!fs::is_regular_file(source, ec)) throw SnapshotError("no database at " + source.string());
    if (fs::exists(dest, ec)) throw SnapshotError(dest.string() + " already exists");
    auto from = openFile(source, SQLITE_OPEN_READONLY);
    {
        auto to = openFile(dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        copyPages(from.get(), to.get(), source, dest);
        // One self-contained file: nothing of the copy stays in a -wal beside it.
        queryText(to.get(), "PRAGMA journal_mode=DELETE", dest);
    }
    return {schemaVersionOf(dest)};
}

int schemaVersionOf(const fs::path& db) {
    std::error_code ec;
    if (!fs::is_regular_file(db, ec)) throw SnapshotError("no database at " + db.string());
    auto handle = openFile(db, SQLITE_OPEN_READONLY);
    auto check = queryText(handle.get(), "PRAGMA quick_check", db);
    if (check != "ok") throw SnapshotError(db.string() + " failed its integrity check: " + check);
    auto hasTable = queryText(handle.get(), "SELECT name FROM sqlite_master WHERE name='schema_migrations'", db);
    if (hasTable.empty()) return 0;
    auto version = queryText(handle.get(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", db);
    return std::stoi(version.empty() ? "0" : version);
}

int knownSchemaVersion() {
    int known = 0;
    for (const auto& m : embeddedMigrations()) known = std::max(known, m.version);
    return known;
}

}  // namespace rivetr::store
