// An app's environment variables, every value encrypted at rest and bound to its app and key.
#include "store/env_repository.hpp"

#include <map>

#include "core/clock.hpp"

namespace rivetr::store {
namespace {

std::string place(const std::string& appId, const std::string& key) { return "env:" + appId + ":" + key; }

void upsert(Database& db, const SecretBox& box, const std::string& appId, const EnvVar& v, std::int64_t now) {
    db.prepare(
          "INSERT INTO env_vars(app_id, key, value_enc, is_secret, is_build_time, updated_at) VALUES (?,?,?,?,?,?) "
          "ON CONFLICT(app_id, key) DO UPDATE SET value_enc=excluded.value_enc, is_secret=excluded.is_secret, "
          "is_build_time=excluded.is_build_time, updated_at=excluded.updated_at")
        .bindAll(appId, v.key, box.seal(v.value, place(appId, v.key)), v.secret ? 1 : 0, v.buildTime ? 1 : 0, now)
        .exec();
}

}  // namespace

std::vector<EnvVar> EnvRepository::list(const std::string& appId) {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare(
            "SELECT key, value_enc, is_secret, is_build_time, updated_at FROM env_vars WHERE app_id = ? ORDER BY key");
        st.bind(1, appId);
        std::vector<EnvVar> out;
        while (st.step()) {
            auto key = st.getText(0);
            out.push_back({key, box_.open(st.getBlob(1), place(appId, key)), st.getInt(2) != 0, st.getInt(3) != 0,
                           st.getInt(4)});
        }
        return out;
    });
}

void EnvRepository::replaceAll(const std::string& appId, const std::vector<EnvVar>& vars) {
    store_.withDb([&](Database& db) {
        Transaction tx(db);
        db.prepare("DELETE FROM env_vars WHERE app_id = ?").bind(1, appId).exec();
        auto now = nowMs();
        for (const auto& v : vars) upsert(db, box_, appId, v, now);
        tx.commit();
    });
}

void EnvRepository::set(const std::string& appId, const EnvVar& var) {
    store_.withDb([&](Database& db) { upsert(db, box_, appId, var, nowMs()); });
}

std::string EnvRepository::digest(const std::string& appId, const std::vector<EnvVar>& vars) const {
    std::map<std::string, std::string> sorted;
    for (const auto& v : vars) sorted[v.key] = v.value;
    std::string canonical;
    for (const auto& [key, value] : sorted) {
        // Length-prefixed: no key or value can make two different lists read alike.
        canonical += std::to_string(key.size()) + ":" + key + std::to_string(value.size()) + ":" + value;
    }
    return box_.digest(canonical, "env:" + appId);
}

bool EnvRepository::remove(const std::string& appId, const std::string& key) {
    return store_.withDb([&](Database& db) {
        return db.prepare("DELETE FROM env_vars WHERE app_id = ? AND key = ?").bind(1, appId).bind(2, key).exec() > 0;
    });
}

}  // namespace rivetr::store
