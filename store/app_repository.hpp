// Apps and their domains in the store: create, read, update settings, delete, each one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/conflict_error.hpp"
#include "store/records.hpp"
#include "store/secret_box.hpp"
#include "store/store.hpp"

namespace rivetr::store {

class AppRepository {
public:
    AppRepository(Store& store, SecretBox box) : store_(store), box_(box) {}

    // Inserts the app and its domains; throws ConflictError (field "name" or "domains").
    void create(const AppRecord& app);
    // By id, or by name when no id matches (the API accepts both in {id}).
    std::optional<AppRecord> find(const std::string& idOrName);
    std::vector<AppRecord> list();
    // Replaces what a user edits (every setting and the domain set); throws ConflictError like
    // create. The engine's state (live deployment, stopped) is not written: only
    // AppStateRepository writes it, so an edit built from a stale read never reverts a switch.
    void updateSettings(const AppRecord& app);
    bool remove(const std::string& id);

private:
    void save(const AppRecord& app, const std::function<void(Database&, std::int64_t now)>& writeRow);

    Store& store_;
    SecretBox box_;
};

}  // namespace rivetr::store
