// Login sessions: a random 256-bit id held only by the browser (the database keeps its SHA-256),
// an absolute expiry, an idle timeout and a CSRF token per session.
#include "store/session_repository.hpp"

#include "core/crypto.hpp"

namespace rivetr::store {
namespace {

std::string randomToken() {
    auto bytes = crypto::randomBytes(32);
    return crypto::base64UrlEncode(bytes.data(), bytes.size());
}

// Writing last_seen_at on every request would make each read a write; a minute's precision is
// plenty for an idle timeout measured in hours.
constexpr std::int64_t kTouchEveryMs = 60 * 1000;

}  // namespace

NewSession SessionRepository::create(const std::string& userId, const std::string& ip, const std::string& userAgent,
                                     std::int64_t now) {
    NewSession s{randomToken(), randomToken(), now + options_.lifetimeMs};
    store_.withDb([&](Database& db) {
        db.prepare("INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, user_agent, ip)"
                   " VALUES (?,?,?,?,?,?,?,?)")
            .bindAll(crypto::sha256Hex(s.id), userId, s.csrfToken, now, s.expiresAt, now, userAgent.substr(0, 256), ip)
            .exec();
    });
    return s;
}

std::optional<SessionUser> SessionRepository::authenticate(const std::string& sessionId, std::int64_t now) {
    return store_.withDb([&](Database& db) -> std::optional<SessionUser> {
        auto st = db.prepare(
            "SELECT s.user_id, u.username, u.role, s.csrf_token, s.last_seen_at FROM sessions s"
            " JOIN users u ON u.id = s.user_id"
            " WHERE s.id_hash = ? AND u.disabled = 0 AND s.expires_at > ? AND s.last_seen_at > ?");
        auto hash = crypto::sha256Hex(sessionId);
        st.bind(1, hash).bind(2, now).bind(3, now - options_.idleTimeoutMs);
        if (!st.step()) return std::nullopt;
        SessionUser u{st.getText(0), st.getText(1), parseRole(st.getText(2)).value_or(Role::viewer), st.getText(3)};
        if (now - st.getInt(4) >= kTouchEveryMs) {
            db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?").bind(1, now).bind(2, hash).exec();
        }
        return u;
    });
}

bool SessionRepository::remove(const std::string& sessionId) {
    return store_.withDb([&](Database& db) {
        return db.prepare("DELETE FROM sessions WHERE id_hash = ?").bind(1, crypto::sha256Hex(sessionId)).exec() > 0;
    });
}

int SessionRepository::removeForUser(const std::string& userId) {
    return store_.withDb(
        [&](Database& db) { return db.prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, userId).exec(); });
}

int SessionRepository::purgeExpired(std::int64_t now) {
    return store_.withDb([&](Database& db) {
        return db.prepare("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?")
            .bind(1, now)
            .bind(2, now - options_.idleTimeoutMs)
            .exec();
    });
}

}  // namespace rivetr::store
