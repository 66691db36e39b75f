// The session cookie's wire form: HttpOnly, SameSite=Strict, Path=/, Secure when served over TLS.
#pragma once

#include <cstdint>
#include <string>

namespace rivetr::api {

inline constexpr const char* kSessionCookie = "rivetr_session";

std::string sessionCookie(const std::string& sessionId, std::int64_t maxAgeSeconds, bool secure);
// Tells the browser to drop the cookie (logout, or a session the server no longer knows).
std::string clearedSessionCookie(bool secure);

}  // namespace rivetr::api
