// Who is calling and may they: bearer tokens (the instance admin token or a named API token) and
// session cookies with their CSRF check, the role from the route table, and rate limits per
// principal and per client address.
#include "api/auth/authenticator.hpp"

#include "api/http/auth_headers.hpp"
#include "api/http/client_address.hpp"
#include "api/auth/session_cookie.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/proxy_mark.hpp"

namespace rivetr::api {
namespace {

std::string rawHeader(const Pistache::Rest::Request& req, const std::string& name) {
    auto h = req.headers().tryGetRaw(name);
    return h ? h->value() : std::string();
}

std::string authorizationOf(const Pistache::Rest::Request& req) {
    auto h = req.headers().tryGet<Pistache::Http::Header::Authorization>();
    return h ? h->value() : std::string();
}

bool mutates(Method m) { return m != Method::Get; }

}  // namespace

std::optional<Principal> Authenticator::authenticate(const std::string& authorization) {
    static constexpr std::string_view kBearer = "Bearer ";
    if (authorization.size() <= kBearer.size() || authorization.compare(0, kBearer.size(), kBearer) != 0) {
        return std::nullopt;
    }
    auto token = authorization.substr(kBearer.size());
    if (crypto::constantTimeEqual(token, adminToken_)) return Principal{"admin_token", "admin", store::Role::admin};
    // Named tokens are found by the hash of the presented value, so no comparison of secrets
    // happens here at all.
    if (auto t = tokens_.authenticate(token, nowMs())) return Principal{"token", t->name, t->role, t->userId.value_or("")};
    return std::nullopt;
}

std::optional<Principal> Authenticator::authenticateSession(const Pistache::Rest::Request& req, RequestContext& ctx) {
    if (!sessions_ || !req.cookies().has(kSessionCookie)) return std::nullopt;
    auto id = req.cookies().get(kSessionCookie).value;
    auto user = sessions_->authenticate(id, nowMs());
    if (!user) return std::nullopt;
    ctx.userId = user->userId;
    ctx.sessionId = id;
    ctx.csrfToken = user->csrfToken;
    return Principal{"user", user->username, user->role, user->userId};
}

std::optional<Reply> Authenticator::tooMany(RequestContext& ctx, std::chrono::seconds wait) {
    ctx.retryAfterSeconds = wait.count();
    return Reply::error(429, "rate_limited", "too many requests; retry in " + std::to_string(wait.count()) + " s");
}

std::optional<Reply> Authenticator::admit(const Route& route, const Pistache::Rest::Request& req, RequestContext& ctx) {
    bool marked = isProxyMark(rawHeader(req, std::string(kProxyMarkHeader)), options_.proxyMark);
    auto client = resolveClientAddress(req.address().host(), rawHeader(req, "X-Forwarded-For"),
                                       rawHeader(req, "X-Forwarded-Proto"), options_.trustedProxies, marked);
    ctx.clientIp = client.ip;
    ctx.viaTls = client.viaTls;
    if (!route.minRole) {
        if (auto wait = limiter_.throttleAnonymous(ctx.clientIp)) return tooMany(ctx, *wait);
        return std::nullopt;
    }
    auto authorization = authorizationOf(req);
    bool presented = !authorization.empty() || req.cookies().has(kSessionCookie);
    // A bearer token wins over a cookie: scripts never need the CSRF dance.
    ctx.principal = !authorization.empty() ? authenticate(authorization) : authenticateSession(req, ctx);
    if (!ctx.principal) {
        if (auto wait = limiter_.throttleAnonymous(ctx.clientIp)) return tooMany(ctx, *wait);
        if (presented) limiter_.recordFailure(ctx.clientIp);
        if (req.cookies().has(kSessionCookie) && authorization.empty()) ctx.setCookie = clearedSessionCookie(ctx.viaTls);
        return Reply::error(401, "unauthorized", "a valid bearer token or session is required");
    }
    if (auto wait = limiter_.throttlePrincipal(ctx.principal->actorType + ":" + ctx.principal->name)) return tooMany(ctx, *wait);
    if (ctx.principal->role < *route.minRole) {
        return Reply::error(403, "forbidden", std::string("this needs the ") + store::roleName(*route.minRole) + " role");
    }
    // A browser sends the cookie by itself; only our own page can read the CSRF token and send it back.
    if (!ctx.sessionId.empty() && mutates(route.method) &&
        !crypto::constantTimeEqual(rawHeader(req, "X-CSRF-Token"), ctx.csrfToken)) {
        return Reply::error(403, "csrf", "the X-CSRF-Token header is missing or wrong");
    }
    return std::nullopt;
}

}  // namespace rivetr::api
