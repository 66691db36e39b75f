// Tests only: whether any cell of any table holds a given plaintext, so an "encrypted at rest" test cannot pass because the secret moved to a column it does not look at.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace rivetr::store {

inline bool anyCellContains(Database& db, std::string_view plaintext) {
    std::vector<std::string> tables;
    auto names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
    while (names.step()) tables.push_back(names.getText(0));
    for (const auto& table : tables) {
        sqlite3_stmt* raw = nullptr;
        // The Statement wrapper reads by type; every cell as bytes is what matters here.
        sqlite3_prepare_v2(db.handle(), ("SELECT * FROM \"" + table + "\"").c_str(), -1, &raw, nullptr);
        while (sqlite3_step(raw) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(raw); ++c) {
                const auto* bytes = static_cast<const char*>(sqlite3_column_blob(raw, c));
                const std::string_view cell(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(raw, c)));
                if (cell.find(plaintext) != std::string_view::npos) {
                    sqlite3_finalize(raw);
                    return true;
                }
            }
        }
        sqlite3_finalize(raw);
    }
    return false;
}

}  // namespace rivetr::store
