// Login sessions: a random 256-bit id held only by the browser (the database keeps its SHA-256),
// an absolute expiry, an idle timeout and a CSRF token per session.
#pragma once

#include <optional>
#include <string>

#include "store/records.hpp"
#include "store/store.hpp"

namespace rivetr::store {

struct SessionOptions {
    std::int64_t lifetimeMs = 7LL * 24 * 3600 * 1000;  // absolute: log in again after a week
    std::int64_t idleTimeoutMs = 24LL * 3600 * 1000;   // unused for a day: gone
};

struct NewSession {
    std::string id;  // the cookie value; the only time the plaintext exists
    std::string csrfToken;
    std::int64_t expiresAt = 0;
};

// The live session's user, read fresh on every request so a role change or disabling counts at once.
struct SessionUser {
    std::string userId;
    std::string username;
    Role role = Role::viewer;
    std::string csrfToken;
};

class SessionRepository {
public:
    explicit SessionRepository(Store& store, SessionOptions options = {}) : store_(store), options_(options) {}

    NewSession create(const std::string& userId, const std::string& ip, const std::string& userAgent, std::int64_t now);
    // The session's user when the id is known, not expired, not idle too long and the user is not
    // disabled; records the use.
    std::optional<SessionUser> authenticate(const std::string& sessionId, std::int64_t now);
    bool remove(const std::string& sessionId);
    int removeForUser(const std::string& userId);
    int purgeExpired(std::int64_t now);

private:
    Store& store_;
    SessionOptions options_;
};

}  // namespace rivetr::store
