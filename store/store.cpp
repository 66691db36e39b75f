// The store: the SQLite database under data_dir, migrated on open; repositories hang off it.
#include "store/store.hpp"

#include "core/log.hpp"

namespace rivetr::store {

std::unique_ptr<Store> Store::open(const std::filesystem::path& dataDir) {
    auto db = Database::open(databasePath(dataDir));
    auto outcome = migrate(db, embeddedMigrations(), [](const Migration& m) {
        log::info("store.migration_applying", {{"version", std::to_string(m.version)}, {"name", std::string(m.name)}});
    });
    log::info("store.opened", {{"path", databasePath(dataDir).string()},
                               {"schema_version", std::to_string(outcome.toVersion)}});
    return std::make_unique<Store>(std::move(db));
}

bool Store::ping() {
    try {
        return withDb([](Database& db) {
            auto st = db.prepare("SELECT 1");
            return st.step() && st.getInt(0) == 1;
        });
    } catch (const DbError& e) {
        log::warn("store.ping_failed", {{"error", e.what()}});
        return false;
    }
}

int Store::schemaVersion() {
    return withDb([](Database& db) { return currentSchemaVersion(db); });
}

}  // namespace rivetr::store
