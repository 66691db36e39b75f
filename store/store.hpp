// The store: the SQLite database under data_dir, migrated on open; repositories hang off it.
#pragma once

#include <atomic>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>

#include "store/database.hpp"
#include "store/migrator.hpp"

namespace rivetr::store {

class Store {
public:
    // Opens data_dir/rivetr.db and applies the embedded migrations. Throws SchemaTooNewError or
    // DbError with a message fit for the operator.
    static std::unique_ptr<Store> open(const std::filesystem::path& dataDir);
    explicit Store(Database db) : db_(std::move(db)) {}

    // A cheap query that proves the database answers (for GET /health).
    bool ping();
    int schemaVersion();

    // All SQL runs through here, one statement sequence at a time: SQLite has one writer anyway,
    // and serialising in-process avoids SQLITE_BUSY between our own threads.
    template <typename Fn>
    auto withDb(Fn&& fn) -> decltype(fn(std::declval<Database&>())) {
        std::lock_guard lock(mutex_);
        return fn(db_);
    }

    // Bumped by every write to apps or their domains, so readers can cache what they derive
    // from the app list (GET /api/apps) and know when it is stale.
    std::uint64_t appsVersion() const { return appsVersion_.load(std::memory_order_acquire); }
    void noteAppsChanged() { appsVersion_.fetch_add(1, std::memory_order_acq_rel); }

    // Marks the app list changed when a write ends, committed or not (a spurious bump only costs a
    // cache rebuild; a missed one would serve stale data). Every writer of apps holds one.
    struct AppsChanged {
        explicit AppsChanged(Store& s) : store(s) {}
        ~AppsChanged() { store.noteAppsChanged(); }
        AppsChanged(const AppsChanged&) = delete;
        AppsChanged& operator=(const AppsChanged&) = delete;
        Store& store;
    };

    static std::filesystem::path databasePath(const std::filesystem::path& dataDir) { return dataDir / "rivetr.db"; }

private:
    std::mutex mutex_;
    Database db_;
    std::atomic<std::uint64_t> appsVersion_{0};
};

}  // namespace rivetr::store
