// Login (password, then a TOTP or recovery code), logout, who-am-I and the caller's TOTP second
// factor (setup, enable with its recovery codes, disable).
#include "api/auth/auth_routes.hpp"

#include "api/auth/account_support.hpp"
#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/auth/session_cookie.hpp"
#include "api/auth/totp.hpp"
#include "api/auth/user_json.hpp"
#include "core/clock.hpp"
#include "store/conflict_error.hpp"

namespace rivetr::api {
namespace {

using store::Role;

constexpr const char* kIssuer = "Rivetr";

// One answer for an unknown name, a wrong password and a wrong code, so none of them is confirmed.
Reply refuseLogin(AuthDeps& ctx, RequestContext& rc, const std::string& username, const char* reason) {
    ctx.auth.recordFailure(rc.clientIp);
    RequestContext as = rc;
    as.principal = Principal{"user", username.substr(0, 64), Role::viewer};
    ctx.trail.record(as, "auth.login_failed", "user", "", {{"reason", reason}});
    return Reply::error(401, "unauthorized", "wrong username, password or code");
}

// The second step of a login whose password was right: a TOTP code or one of the user's recovery
// codes (a lost phone), both under the same lock. Wrong codes count against the account from
// any address (AccountLockout) as well as against the address; a locked account is refused before
// the code is looked at, so guessing during the lock learns nothing. Only the holder of the
// password ever sees the lock, so it cannot be used to lock a stranger out.
// `recoveryLeft` is set when a recovery code was spent: how many the user has left.
std::optional<Reply> checkLoginTotp(AuthDeps& ctx, RequestContext& rc, const store::UserRecord& user,
                                    const std::string& code, std::optional<int>& recoveryLeft) {
    auto& lockout = ctx.auth.totpLockout();
    RequestContext as = rc;
    as.principal = Principal{"user", user.username, user.role, user.id};
    if (auto wait = lockout.locked(user.id)) {
        ctx.auth.recordFailure(rc.clientIp);
        ctx.trail.record(as, "auth.login_failed", "user", user.id, {{"reason", "totp_locked"}, {"retry_after_s", wait->count()}});
        return tooMany(rc, *wait, "wrong codes");
    }
    auto used = acceptSecondFactor(ctx, user.id, code);
    if (used != FactorUsed::none) {
        lockout.recordSuccess(user.id);
        if (used == FactorUsed::recoveryCode) {
            recoveryLeft = ctx.recoveryCodes.remaining(user.id);
            ctx.trail.record(as, "auth.recovery_code_used", "user", user.id, {{"remaining", *recoveryLeft}});
        }
        return std::nullopt;
    }
    if (auto lock = lockout.recordFailure(user.id)) {
        ctx.trail.record(as, "auth.totp_locked", "user", user.id, {{"locked_for_s", lock->count()}});
    }
    return refuseLogin(ctx, rc, user.username, "totp");
}

Reply login(AuthDeps& ctx, const Pistache::Rest::Request& req, RequestContext& rc) {
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"username", "password", "totp"});
    auto username = f.string("username").value_or("");
    auto password = f.string("password").value_or("");
    if (username.empty()) throw ValidationError("username", "is required");
    if (password.empty()) throw ValidationError("password", "is required");
    if (username.size() > 64 || password.size() > 256) return refuseLogin(ctx, rc, username, "password");
    auto user = ctx.users.checkPassword(username, password);
    if (!user) return refuseLogin(ctx, rc, username, "password");
    std::optional<int> recoveryLeft;
    if (user->totpEnabled) {
        auto code = f.string("totp").value_or("");
        if (code.empty()) {
            return Reply::error(401, "totp_required", "enter the code from your authenticator app, or a recovery code");
        }
        if (auto refused = checkLoginTotp(ctx, rc, *user, code, recoveryLeft)) return *refused;
    }
    auto csrf = startSession(ctx, req, rc, user->id);
    RequestContext as = rc;
    as.principal = Principal{"user", user->username, user->role, user->id};
    ctx.trail.record(as, "auth.login", "user", user->id, {{"totp", user->totpEnabled}});
    nlohmann::json out{{"user", userToJson(*user)}, {"csrf_token", csrf}};
    // The user should know a way in was spent, and how many remain, before they run out.
    if (recoveryLeft) out["recovery_codes_remaining"] = *recoveryLeft;
    return Reply::json(200, out);
}

Reply logout(AuthDeps& ctx, RequestContext& rc) {
    if (!rc.sessionId.empty() && ctx.sessions.remove(rc.sessionId)) ctx.trail.record(rc, "auth.logout", "user", rc.userId);
    rc.setCookie = clearedSessionCookie(rc.viaTls);
    return Reply{204, "", "application/json"};
}

Reply me(AuthDeps& ctx, const RequestContext& rc) {
    nlohmann::json j{{"actor_type", rc.principal->actorType},
                     {"name", rc.principal->name},
                     {"role", store::roleName(rc.principal->role)}};
    if (!rc.userId.empty()) {
        if (auto u = ctx.users.get(rc.userId)) j["user"] = userToJson(*u);
        j["csrf_token"] = rc.csrfToken;
    }
    return Reply::json(200, j);
}

std::string codeField(const Pistache::Rest::Request& req) {
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"code"});
    auto code = f.string("code").value_or("");
    if (code.empty()) throw ValidationError("code", "is required: the 6-digit code from the authenticator app");
    return code;
}

Reply totpSetup(AuthDeps& ctx, const RequestContext& rc) {
    auto u = callerUser(ctx, rc);
    if (u.totpEnabled) throw store::ConflictError("totp", "TOTP is already enabled; disable it first");
    auto secret = totp::newSecret();
    ctx.users.setPendingTotpSecret(u.id, secret);
    ctx.trail.record(rc, "user.totp_setup", "user", u.id);
    return Reply::json(200, {{"secret", secret}, {"otpauth_uri", totp::otpauthUri(kIssuer, u.username, secret)}});
}

// Enabling proves the app was set up; disabling proves the caller still holds the second factor
// (a stolen session alone must not switch it off). Wrong codes spend a per-user failure budget.
Reply totpChange(AuthDeps& ctx, const Pistache::Rest::Request& req, RequestContext& rc, bool enable) {
    auto u = callerUser(ctx, rc);
    auto code = codeField(req);
    if (u.totpEnabled == enable) {
        throw store::ConflictError("totp", enable ? "TOTP is already enabled" : "TOTP is not enabled");
    }
    if (enable && !ctx.users.totpSecret(u.id)) throw store::ConflictError("totp", "call /api/auth/totp/setup first");
    if (auto refused = checkCallerTotp(ctx, rc, u.id, code)) return *refused;
    ctx.users.setTotpEnabled(u.id, enable);
    if (!enable) {
        ctx.trail.record(rc, "user.totp_disable", "user", u.id);
        return Reply::json(200, {{"totp_enabled", false}});
    }
    // Shown this once: the server keeps only their hashes.
    auto codes = issueRecoveryCodes(ctx, u.id);
    ctx.trail.record(rc, "user.totp_enable", "user", u.id, {{"recovery_codes_issued", codes.size()}});
    return Reply::json(200, {{"totp_enabled", true}, {"recovery_codes", codes}});
}

}  // namespace

std::vector<Route> authRoutes(AuthDeps& ctx) {
    return {
        {Method::Post, "/api/auth/login", std::nullopt,
         {"Log in {username, password, totp?} -> {user, csrf_token} and the rivetr_session cookie. `totp` is the "
          "6-digit code or one of the user's recovery codes (spent on use; audited as auth.recovery_code_used); 401 "
          "totp_required when the user has TOTP and sent no code; 429 rate_limited after repeated failures from "
          "an address, or after repeated wrong codes for the account (from any address, with growing back-off)",
          "auth", "LoginInput", 200, "LoginResult"},
         [&ctx](const auto& req, auto& rc) { return login(ctx, req, rc); }},
        {Method::Post, "/api/auth/logout", Role::viewer,
         {"End the session and clear its cookie", "auth", "", 204, ""},
         [&ctx](const auto&, auto& rc) { return logout(ctx, rc); }},
        {Method::Get, "/api/auth/me", Role::viewer,
         {"Who is calling: {actor_type, name, role, user?, csrf_token?}", "auth", "", 200,
          "Me"},
         [&ctx](const auto&, auto& rc) { return me(ctx, rc); }},
        {Method::Post, "/api/auth/totp/setup", Role::viewer,
         {"Start TOTP for the logged-in user: {secret, otpauth_uri}", "auth", "", 200,
          "TotpSetup"},
         [&ctx](const auto&, auto& rc) { return totpSetup(ctx, rc); }},
        {Method::Post, "/api/auth/totp/enable", Role::viewer,
         {"Turn TOTP on with a first code {code} -> {totp_enabled, recovery_codes}: ten single-use recovery codes, "
          "shown this once (only their hashes are kept)",
          "auth", "TotpCode", 200, "TotpState"},
         [&ctx](const auto& req, auto& rc) { return totpChange(ctx, req, rc, true); }},
        {Method::Post, "/api/auth/totp/disable", Role::viewer,
         {"Turn TOTP off with a current code {code}; the recovery codes go with it",
          "auth", "TotpCode", 200, "TotpState"},
         [&ctx](const auto& req, auto& rc) { return totpChange(ctx, req, rc, false); }},
    };
}

}  // namespace rivetr::api
