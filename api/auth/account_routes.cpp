// The signed-in user's own account: changing their password, and their second factor's recovery
// codes (how many are left, a fresh set).
#include "api/auth/account_routes.hpp"

#include "api/auth/account_support.hpp"
#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/auth/user_json.hpp"
#include "api/auth/user_routes.hpp"
#include "store/conflict_error.hpp"

namespace rivetr::api {
namespace {

using store::Role;

// A password belongs to a user: the session's, or the user who owns the API token (the CLI's way in).
store::UserRecord passwordOwner(AuthDeps& ctx, const RequestContext& rc) {
    auto id = rc.userId.empty() ? rc.principal->userId : rc.userId;
    auto u = id.empty() ? std::nullopt : ctx.users.get(id);
    if (!u) {
        throw ValidationError("", "only a user has a password: sign in with a username and password, or use an API token "
                                  "that user created (the admin token has no password)");
    }
    return *u;
}

// The current password proves the change; every session of the user ends (a thief's too), and the
// browser that asked gets a fresh one so its user stays signed in. API tokens are separate
// credentials and stay valid, as on GitHub.
Reply changePassword(AuthDeps& ctx, const Pistache::Rest::Request& req, RequestContext& rc) {
    auto u = passwordOwner(ctx, rc);
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"current_password", "new_password"});
    auto current = f.string("current_password").value_or("");
    auto next = f.string("new_password").value_or("");
    if (current.empty()) throw ValidationError("current_password", "is required");
    validatePassword(next, "new_password");
    if (next == current) throw ValidationError("new_password", "must differ from the current password");
    if (auto refused = checkCallerPassword(ctx, rc, u, current, "current_password")) return *refused;
    store::UserChange change;
    change.password = next;
    auto changed = ctx.users.update(u.id, change);
    if (!changed) throw NotFoundError("no user \"" + u.id + "\"");
    nlohmann::json out{{"user", userToJson(*changed)}, {"session_reissued", !rc.sessionId.empty()}};
    if (!rc.sessionId.empty()) out["csrf_token"] = startSession(ctx, req, rc, u.id);
    ctx.trail.record(rc, "user.password_change", "user", u.id, {{"sessions_ended", true}});
    return Reply::json(200, out);
}

Reply recoveryCodeState(AuthDeps& ctx, const RequestContext& rc) {
    auto u = callerUser(ctx, rc);
    return Reply::json(200, {{"totp_enabled", u.totpEnabled}, {"remaining", ctx.recoveryCodes.remaining(u.id)}});
}

// A fresh set voids the old one. It needs a current TOTP code or the password: a session left
// open on someone's desk must not print new ways into the account.
Reply regenerateRecoveryCodes(AuthDeps& ctx, const Pistache::Rest::Request& req, RequestContext& rc) {
    auto u = callerUser(ctx, rc);
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"code", "password"});
    if (!u.totpEnabled) throw store::ConflictError("totp", "turn on two-factor authentication first");
    auto code = f.string("code").value_or("");
    auto password = f.string("password").value_or("");
    if (code.empty() && password.empty()) {
        throw ValidationError("code", "is required: a current code from your authenticator app (or send your password)");
    }
    auto refused = code.empty() ? checkCallerPassword(ctx, rc, u, password, "password") : checkCallerTotp(ctx, rc, u.id, code);
    if (refused) return *refused;
    auto codes = issueRecoveryCodes(ctx, u.id);
    ctx.trail.record(rc, "user.recovery_codes_regenerate", "user", u.id, {{"proof", code.empty() ? "password" : "totp"}});
    return Reply::json(200, {{"recovery_codes", codes}, {"remaining", codes.size()}});
}

}  // namespace

std::vector<Route> accountRoutes(AuthDeps& ctx) {
    return {
        {Method::Post, "/api/auth/password", Role::viewer,
         {"Change the caller's own password {current_password, new_password} -> {user, session_reissued, csrf_token?}. "
          "Every session of the user ends; a browser that asked gets a fresh session cookie (and CSRF token) at "
          "once. API tokens stay valid. 403 wrong_password on current_password (counted like a failed login: 429 "
          "after repeated failures); 400 for a new password that is not 8-256 characters or equals the current one. "
          "For a session user or a token the user created; not the admin token",
          "auth", "PasswordChange", 200, "PasswordChanged"},
         [&ctx](const auto& req, auto& rc) { return changePassword(ctx, req, rc); }},
        {Method::Get, "/api/auth/recovery-codes", Role::viewer,
         {"The caller's recovery codes: {totp_enabled, remaining} (never the codes)",
          "auth", "", 200, "RecoveryCodeState"},
         [&ctx](const auto&, auto& rc) { return recoveryCodeState(ctx, rc); }},
        {Method::Post, "/api/auth/recovery-codes", Role::viewer,
         {"Replace the caller's recovery codes {code?: a current TOTP code, password?} -> {recovery_codes, remaining}; "
          "the old codes stop working. 409 without TOTP; 400 on code for a wrong code, 403 wrong_password on password",
          "auth", "RecoveryCodeProof", 200, "RecoveryCodes"},
         [&ctx](const auto& req, auto& rc) { return regenerateRecoveryCodes(ctx, req, rc); }},
    };
}

}  // namespace rivetr::api
