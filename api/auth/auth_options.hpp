// Settings of authentication as a whole: password cost, session lifetimes, rate limits and which
// peers may speak for the client (the config's [auth] keys map onto this).
#pragma once

#include <string>
#include <vector>

#include "api/auth/account_lockout.hpp"
#include "api/auth/rate_limiter.hpp"
#include "store/password_hasher.hpp"
#include "store/session_repository.hpp"

namespace rivetr::api {

struct AuthOptions {
    store::PasswordCost passwordCost;
    store::SessionOptions sessions;
    RateLimitOptions rateLimit;
    LockoutOptions totpLockout;  // wrong second-factor codes per account (always on)
    // Peers whose X-Forwarded-For / X-Forwarded-Proto count; only loopback addresses are honoured,
    // and only on requests carrying `proxyMark` (core/proxy_mark.hpp).
    std::vector<std::string> trustedProxies{"127.0.0.1", "::1"};
    // The per-process mark our proxy adds to what it forwards here; empty: no forwarding header counts.
    std::string proxyMark;
};

}  // namespace rivetr::api
