// Applies schema migrations in order, each in its own transaction, recorded in schema_migrations.
#pragma once

#include <functional>
#include <stdexcept>
#include <vector>

#include "store/database.hpp"
#include "store/migration.hpp"

namespace rivetr::store {

// The database was written by a newer Rivetr: starting would risk corrupting it.
class SchemaTooNewError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct MigrationOutcome {
    int fromVersion = 0;
    int toVersion = 0;
};

int currentSchemaVersion(Database& db);

// Throws SchemaTooNewError, or DbError naming the failing migration (which is rolled back, so
// the database stays at the last good version). `beforeEach` is called with each migration
// about to run (used for progress logs and by the crash test).
MigrationOutcome migrate(Database& db, const std::vector<Migration>& migrations,
                         const std::function<void(const Migration&)>& beforeEach = {});

}  // namespace rivetr::store
