// What the sign-in and account routes share: the calling user, the 429 for a spent failure budget,
// and the second-factor checks (a TOTP code once per time step, a recovery code once ever).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "api/auth/auth_deps.hpp"

namespace rivetr::api {

enum class FactorUsed { none, totp, recoveryCode };

// The signed-in user behind a session; a 400 for bearer tokens (a second factor belongs to a user).
store::UserRecord callerUser(AuthDeps& ctx, const RequestContext& rc);
// 429 rate_limited with Retry-After; `what` says what was tried too often ("wrong codes").
Reply tooMany(RequestContext& rc, std::chrono::seconds wait, const std::string& what);
// Starts a session for the user (the cookie goes out with the answer); answers its CSRF token.
std::string startSession(AuthDeps& ctx, const Pistache::Rest::Request& req, RequestContext& rc, const std::string& userId);
// The caller's current password for an account change: nullopt when right; else the 403
// wrong_password on `field`, counted against the address and the account like a failed login
// (a 429 once either budget is spent). A stolen session alone cannot change what the password guards.
std::optional<Reply> checkCallerPassword(AuthDeps& ctx, RequestContext& rc, const store::UserRecord& user,
                                         const std::string& password, const std::string& field);
// A session holder's TOTP code for an account change: nullopt when right, a 429 once the account's
// failure budget is spent; throws a 400 on `code` for a wrong code (and spends the budget).
std::optional<Reply> checkCallerTotp(AuthDeps& ctx, RequestContext& rc, const std::string& userId, const std::string& code);
// A current TOTP code, never one already used.
bool acceptTotp(AuthDeps& ctx, const std::string& userId, const std::string& code);
// Six digits are a TOTP code; anything else is tried as one of the user's recovery codes (spent on use).
FactorUsed acceptSecondFactor(AuthDeps& ctx, const std::string& userId, const std::string& code);
// Fresh recovery codes for the user, replacing any earlier ones; the only time they exist in clear.
std::vector<std::string> issueRecoveryCodes(AuthDeps& ctx, const std::string& userId);

}  // namespace rivetr::api
