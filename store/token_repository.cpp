// Named API tokens: stored only as SHA-256 hashes, with role, expiry, last use and revocation.
#include "store/token_repository.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/secrets.hpp"

namespace rivetr::store {
namespace {

constexpr const char* kColumns = "id, name, prefix, role, user_id, created_at, expires_at, last_used_at, revoked_at";

ApiTokenRecord readToken(const Statement& st) {
    ApiTokenRecord r;
    r.id = st.getText(0);
    r.name = st.getText(1);
    r.prefix = st.getText(2);
    r.role = parseRole(st.getText(3)).value_or(Role::viewer);
    r.userId = st.getOptText(4);
    r.createdAt = st.getInt(5);
    r.expiresAt = st.getOptInt(6);
    r.lastUsedAt = st.getOptInt(7);
    r.revokedAt = st.getOptInt(8);
    return r;
}

}  // namespace

// A random 256-bit token needs no slow hash: SHA-256 is enough against a stolen database,
// and it keeps authentication a single indexed lookup.
TokenRepository::Created TokenRepository::create(const std::string& name, Role role,
                                                 std::optional<std::int64_t> expiresAt,
                                                 std::optional<std::string> userId) {
    Created out;
    out.token = generateToken("rvt_");
    auto& r = out.record;
    r.id = newId("tok");
    r.name = name;
    r.prefix = out.token.substr(0, 10);
    r.role = role;
    r.userId = std::move(userId);
    r.createdAt = nowMs();
    r.expiresAt = expiresAt;
    store_.withDb([&](Database& db) {
        db.prepare(std::string("INSERT INTO api_tokens(") + kColumns + ", token_hash) VALUES (?,?,?,?,?,?,?,NULL,NULL,?)")
            .bind(1, r.id)
            .bind(2, r.name)
            .bind(3, r.prefix)
            .bind(4, roleName(r.role))
            .bind(5, r.userId)
            .bind(6, r.createdAt)
            .bind(7, r.expiresAt)
            .bind(8, crypto::sha256Hex(out.token))
            .exec();
    });
    return out;
}

std::optional<ApiTokenRecord> TokenRepository::authenticate(const std::string& token, std::int64_t now) {
    return store_.withDb([&](Database& db) -> std::optional<ApiTokenRecord> {
        auto st = db.prepare(std::string("SELECT ") + kColumns +
                             " FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL"
                             " AND (expires_at IS NULL OR expires_at > ?)");
        st.bind(1, crypto::sha256Hex(token)).bind(2, now);
        if (!st.step()) return std::nullopt;
        auto r = readToken(st);
        db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(1, now).bind(2, r.id).exec();
        r.lastUsedAt = now;
        return r;
    });
}

std::vector<ApiTokenRecord> TokenRepository::list() {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare(std::string("SELECT ") + kColumns + " FROM api_tokens ORDER BY created_at, id");
        std::vector<ApiTokenRecord> out;
        while (st.step()) out.push_back(readToken(st));
        return out;
    });
}

bool TokenRepository::revoke(const std::string& id, std::int64_t now) {
    return store_.withDb([&](Database& db) {
        return db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                   .bind(1, now)
                   .bind(2, id)
                   .exec() > 0;
    });
}

}  // namespace rivetr::store
