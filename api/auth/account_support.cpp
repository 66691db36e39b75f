// What the sign-in and account routes share: the calling user, the 429 for a spent failure budget,
// and the second-factor checks.
#include "api/auth/account_support.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "api/http/api_errors.hpp"
#include "api/auth/recovery_codes.hpp"
#include "api/auth/session_cookie.hpp"
#include "api/auth/totp.hpp"
#include "core/clock.hpp"

namespace rivetr::api {

store::UserRecord callerUser(AuthDeps& ctx, const RequestContext& rc) {
    auto u = rc.userId.empty() ? std::nullopt : ctx.users.get(rc.userId);
    if (!u) throw ValidationError("", "a second factor belongs to a user: log in with a username and password");
    return *u;
}

Reply tooMany(RequestContext& rc, std::chrono::seconds wait, const std::string& what) {
    rc.retryAfterSeconds = wait.count();
    return Reply::error(429, "rate_limited", "too many " + what + "; retry in " + std::to_string(wait.count()) + " s");
}

namespace {

std::string userAgent(const Pistache::Rest::Request& req) {
    auto h = req.headers().tryGet<Pistache::Http::Header::UserAgent>();
    return h ? h->agent() : std::string();
}

std::string budgetOf(const std::string& userId) { return "user:" + userId; }

}  // namespace

std::string startSession(AuthDeps& ctx, const Pistache::Rest::Request& req, RequestContext& rc, const std::string& userId) {
    auto now = nowMs();
    ctx.sessions.purgeExpired(now);
    auto session = ctx.sessions.create(userId, rc.clientIp, userAgent(req), now);
    rc.setCookie = sessionCookie(session.id, (session.expiresAt - now) / 1000, rc.viaTls);
    return session.csrfToken;
}

std::optional<Reply> checkCallerPassword(AuthDeps& ctx, RequestContext& rc, const store::UserRecord& user,
                                         const std::string& password, const std::string& field) {
    for (const auto& key : {rc.clientIp, budgetOf(user.id)}) {
        if (auto wait = ctx.auth.failureBudgetSpent(key)) return tooMany(rc, *wait, "wrong passwords");
    }
    if (password.size() <= 256 && ctx.users.checkPassword(user.username, password)) return std::nullopt;
    ctx.auth.recordFailure(rc.clientIp);
    ctx.auth.recordFailure(budgetOf(user.id));
    ctx.trail.record(rc, "auth.password_check_failed", "user", user.id, {{"field", field}});
    return Reply::error(403, "wrong_password", "the current password is wrong", field);
}

std::optional<Reply> checkCallerTotp(AuthDeps& ctx, RequestContext& rc, const std::string& userId, const std::string& code) {
    if (auto wait = ctx.auth.failureBudgetSpent(budgetOf(userId))) return tooMany(rc, *wait, "wrong codes");
    if (acceptTotp(ctx, userId, code)) return std::nullopt;
    ctx.auth.recordFailure(budgetOf(userId));
    throw ValidationError("code", "wrong or already used code");
}

// A code is good once: within its ±30 s window, never again, and never one older than the last used.
bool acceptTotp(AuthDeps& ctx, const std::string& userId, const std::string& code) {
    auto secret = ctx.users.totpSecret(userId);
    auto key = secret ? totp::base32Decode(*secret) : std::nullopt;
    if (!key) return false;
    auto step = totp::matchingStep(*key, code, nowMs() / 1000);
    return step && ctx.users.consumeTotpStep(userId, *step);
}

FactorUsed acceptSecondFactor(AuthDeps& ctx, const std::string& userId, const std::string& code) {
    std::string digits;
    std::copy_if(code.begin(), code.end(), std::back_inserter(digits), [](char c) { return c != ' '; });
    bool sixDigits = digits.size() == 6 && std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); });
    if (sixDigits) return acceptTotp(ctx, userId, digits) ? FactorUsed::totp : FactorUsed::none;
    auto canonical = recovery::normalize(code);
    if (canonical && ctx.recoveryCodes.consume(userId, *canonical, nowMs())) return FactorUsed::recoveryCode;
    return FactorUsed::none;
}

std::vector<std::string> issueRecoveryCodes(AuthDeps& ctx, const std::string& userId) {
    auto shown = recovery::newCodes();
    std::vector<std::string> canonical;
    for (const auto& c : shown) canonical.push_back(*recovery::normalize(c));
    ctx.recoveryCodes.replace(userId, canonical, nowMs());
    return shown;
}

}  // namespace rivetr::api
