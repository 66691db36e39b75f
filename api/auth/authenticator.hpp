// Who is calling and may they: bearer tokens (the instance admin token or a named API token) and
// session cookies with their CSRF check, the role from the route table, and rate limits per
// principal and per client address.
#pragma once

#include <pistache/http.h>
#include <pistache/router.h>

#include <optional>
#include <string>

#include "api/auth/auth_options.hpp"
#include "api/http/access_check.hpp"
#include "api/http/principal.hpp"
#include "api/auth/rate_limiter.hpp"
#include "api/http/route.hpp"
#include "store/session_repository.hpp"
#include "store/token_repository.hpp"

namespace rivetr::api {

class Authenticator : public AccessCheck {
public:
    // `sessions` null: only bearer tokens authenticate.
    Authenticator(std::string adminToken, store::TokenRepository& tokens, store::SessionRepository* sessions = nullptr,
                  AuthOptions options = {})
        : adminToken_(std::move(adminToken)),
          tokens_(tokens),
          sessions_(sessions),
          options_(std::move(options)),
          limiter_(options_.rateLimit),
          totpLockout_(options_.totpLockout) {}

    // `authorization` is the raw Authorization header value ("Bearer <token>").
    std::optional<Principal> authenticate(const std::string& authorization);

    // The middleware's access step for every request: resolves the client address, authenticates
    // routes that need a role (bearer first, then the session cookie), applies the rate limits,
    // the role and the CSRF check. nullopt: go on; otherwise the 401/403/429 to answer.
    std::optional<Reply> admit(const Route& route, const Pistache::Rest::Request& req, RequestContext& ctx) override;

    // A failed login or second factor from this client address spends its failure budget.
    void recordFailure(const std::string& clientIp) { limiter_.recordFailure(clientIp); }
    // The same budget for any other key ("user:<id>" for second-factor guesses by a session holder).
    std::optional<std::chrono::seconds> failureBudgetSpent(const std::string& key) { return limiter_.checkFailures(key); }
    // Wrong second-factor codes per account ("user id"), from whatever address they come.
    AccountLockout& totpLockout() { return totpLockout_; }
    const AuthOptions& options() const { return options_; }

private:
    std::optional<Principal> authenticateSession(const Pistache::Rest::Request& req, RequestContext& ctx);
    static std::optional<Reply> tooMany(RequestContext& ctx, std::chrono::seconds wait);

    std::string adminToken_;
    store::TokenRepository& tokens_;
    store::SessionRepository* sessions_;
    AuthOptions options_;
    RateLimiter limiter_;
    AccountLockout totpLockout_;
};

}  // namespace rivetr::api
