// The middleware's seam to authentication: who is calling and may they; api/auth's Authenticator implements it.
#pragma once

#include <pistache/router.h>

#include <optional>

#include "api/http/route.hpp"

namespace rivetr::api {

class AccessCheck {
public:
    virtual ~AccessCheck() = default;
    // Runs before every handler: nullopt lets the request go on; otherwise the 401/403/429 to answer.
    // It may fill the context (principal, client address, cookies to set).
    virtual std::optional<Reply> admit(const Route& route, const Pistache::Rest::Request& req, RequestContext& ctx) = 0;
};

}  // namespace rivetr::api
