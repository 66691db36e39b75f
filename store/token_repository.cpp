// Named API tokens: stored only as SHA-256 hashes, with role, owner, expiry, last use and revocation.
#include "store/token_repository.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/secrets.hpp"

namespace rivetr::store {
namespace {

constexpr const char* kColumns = "id, name, prefix, role, user_id, created_at, expires_at, last_used_at, revoked_at, owner_type";
// The same columns read from "t", with the owning user's name and role from "u" (columns 10 and 11).
constexpr const char* kJoined =
    "SELECT t.id, t.name, t.prefix, t.role, t.user_id, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,"
    " t.owner_type, u.username, u.role FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id";

ApiTokenRecord readToken(const Statement& st) {
    ApiTokenRecord r;
    st.columnsFrom(0, r.id, r.name, r.prefix);
    r.role = parseRole(st.getText(3)).value_or(Role::viewer);
    st.columnsFrom(4, r.userId, r.createdAt, r.expiresAt, r.lastUsedAt, r.revokedAt, r.ownerType, r.ownerName);
    return r;
}

}  // namespace

// A random 256-bit token needs no slow hash: SHA-256 is enough against a stolen database,
// and it keeps authentication a single indexed lookup.
TokenRepository::Created TokenRepository::create(const std::string& name, Role role,
                                                 std::optional<std::int64_t> expiresAt, TokenOwner owner) {
    Created out;
    out.token = generateToken("rvt_");
    auto& r = out.record;
    r.id = newId("tok");
    r.name = name;
    r.prefix = out.token.substr(0, 10);
    r.role = role;
    r.userId = std::move(owner.userId);
    r.ownerType = r.userId ? "user" : "admin_token";
    r.createdAt = nowMs();
    r.expiresAt = expiresAt;
    store_.withDb([&](Database& db) {
        db.prepare(std::string("INSERT INTO api_tokens(") + kColumns + ", token_hash) VALUES (?,?,?,?,?,?,?,NULL,NULL,?,?)")
            .bindAll(r.id, r.name, r.prefix, roleName(r.role), r.userId, r.createdAt, r.expiresAt, r.ownerType,
                     crypto::sha256Hex(out.token))
            .exec();
    });
    if (r.userId) r.ownerName = store_.withDb([&](Database& db) {
        auto st = db.prepare("SELECT username FROM users WHERE id = ?");
        st.bind(1, *r.userId);
        return st.step() ? st.getOptText(0) : std::nullopt;
    });
    return out;
}

std::optional<ApiTokenRecord> TokenRepository::authenticate(const std::string& token, std::int64_t now) {
    return store_.withDb([&](Database& db) -> std::optional<ApiTokenRecord> {
        // An owned token whose owner is gone or disabled is dead even if revoking it was missed.
        auto st = db.prepare(std::string(kJoined) +
                             " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)"
                             " AND (t.user_id IS NULL OR (u.id IS NOT NULL AND u.disabled = 0))");
        st.bind(1, crypto::sha256Hex(token)).bind(2, now);
        if (!st.step()) return std::nullopt;
        auto r = readToken(st);
        if (auto ownerRole = parseRole(st.getOptText(11).value_or(""))) r.role = std::min(r.role, *ownerRole);
        db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(1, now).bind(2, r.id).exec();
        r.lastUsedAt = now;
        return r;
    });
}

std::vector<ApiTokenRecord> TokenRepository::list() {
    return store_.withDb([&](Database& db) {
        return db.prepare(std::string(kJoined) + " ORDER BY t.created_at, t.id").rows(readToken);
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

TokenHandover handOverTokens(Database& db, const std::string& fromUser, const std::optional<std::string>& toUser,
                             std::int64_t now) {
    TokenHandover out;
    if (toUser) {
        out.transferred = db.prepare("UPDATE api_tokens SET user_id = ? WHERE user_id = ? AND revoked_at IS NULL")
                              .bind(1, *toUser)
                              .bind(2, fromUser)
                              .exec();
    } else {
        out.revoked = db.prepare("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                          .bind(1, now)
                          .bind(2, fromUser)
                          .exec();
    }
    return out;
}

}  // namespace rivetr::store
