// Applies the schema migrations a database lacks, in order, each in its own transaction, recorded in schema_migrations.
#include "store/migrator.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "core/clock.hpp"

namespace rivetr::store {
namespace {

void ensureVersionTable(Database& db) {
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
}

void applyOne(Database& db, const Migration& m) {
    Transaction tx(db);
    try {
        db.exec(m.sql);
    } catch (const DbError& e) {
        throw DbError(e.code(), "migration " + std::to_string(m.version) + "_" + std::string(m.name) +
                                    " failed: " + e.what());
    }
    db.prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)")
        .bindAll(m.version, m.name, nowMs())
        .exec();
    tx.commit();
}

std::set<int> appliedVersions(Database& db) {
    std::set<int> out;
    auto st = db.prepare("SELECT version FROM schema_migrations");
    while (st.step()) out.insert(static_cast<int>(st.getInt(0)));
    return out;
}

}  // namespace

int currentSchemaVersion(Database& db) {
    ensureVersionTable(db);
    auto st = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    st.step();
    return static_cast<int>(st.getInt(0));
}

MigrationOutcome migrate(Database& db, const std::vector<Migration>& migrations,
                         const std::function<void(const Migration&)>& beforeEach) {
    MigrationOutcome out;
    out.fromVersion = currentSchemaVersion(db);
    int known = migrations.empty() ? 0 : std::max_element(migrations.begin(), migrations.end(), [](auto& a, auto& b) {
                                             return a.version < b.version;
                                         })->version;
    if (out.fromVersion > known) {
        throw SchemaTooNewError("the database is at schema version " + std::to_string(out.fromVersion) +
                                " but this rivetr knows only up to " + std::to_string(known) +
                                ": it was written by a newer rivetr. Upgrade rivetr, or restore a backup "
                                "taken with this version.");
    }
    // Every migration the database has not recorded, not only those above its highest: branches
    // developed side by side land their migrations in any order (016 merged after 018), and a
    // database made in between must still get the lower one.
    auto applied = appliedVersions(db);
    auto ordered = migrations;
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    out.toVersion = out.fromVersion;
    for (const auto& m : ordered) {
        if (applied.count(m.version)) continue;
        if (beforeEach) beforeEach(m);
        applyOne(db, m);
        out.toVersion = std::max(out.toVersion, m.version);
    }
    return out;
}

}  // namespace rivetr::store
