// One schema migration as embedded in the binary from migrations/NNN_name.sql.
#pragma once

#include <string_view>
#include <vector>

namespace rivetr::store {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Generated at build time from migrations/*.sql, ordered by version.
const std::vector<Migration>& embeddedMigrations();

}  // namespace rivetr::store
