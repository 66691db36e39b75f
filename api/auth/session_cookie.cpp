// The session cookie's wire form: HttpOnly, SameSite=Strict, Path=/, Secure when served over TLS.
#include "api/auth/session_cookie.hpp"

namespace rivetr::api {

// SameSite=Strict keeps the browser from sending the cookie on any cross-site request, which is
// the first line against CSRF; the per-session X-CSRF-Token check is the second.
std::string sessionCookie(const std::string& sessionId, std::int64_t maxAgeSeconds, bool secure) {
    return std::string(kSessionCookie) + "=" + sessionId + "; Path=/; Max-Age=" + std::to_string(maxAgeSeconds) +
           "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string clearedSessionCookie(bool secure) { return sessionCookie("", 0, secure); }

}  // namespace rivetr::api
