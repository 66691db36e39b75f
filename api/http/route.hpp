// A control-API route as data: method, path pattern, minimum role, OpenAPI description and handler, declared once.
#pragma once

#include <pistache/router.h>

#include <functional>
#include <optional>
#include <string>

#include "api/http/principal.hpp"
#include "api/http/reply.hpp"

namespace rivetr::api {

struct RequestContext {
    std::string requestId;
    std::optional<Principal> principal;  // set for every route that needs a role
    std::string clientIp;
    // Set by authentication (api/auth/authenticator.cpp) for handlers and the response:
    std::string userId;               // the user, when a session cookie authenticated the request
    std::string sessionId;            // that session cookie's value
    std::string csrfToken;            // that session's CSRF token
    bool viaTls = false;              // the proxy received the request over TLS
    std::string setCookie;            // a Set-Cookie value to send (login, logout)
    long long retryAfterSeconds = 0;  // sent as Retry-After with a 429

    // The caller's role; viewer where no principal was set (a route open to everyone).
    store::Role role() const { return principal ? principal->role : store::Role::viewer; }
};

using Handler = std::function<Reply(const Pistache::Rest::Request&, RequestContext&)>;

enum class Method { Get, Post, Put, Delete };

// A second success answer of an operation, chosen by a query flag (e.g. PUT env with ?redeploy=true
// answers 202 with another body); the flag is documented as a query parameter.
struct AlternateResponse {
    std::string queryFlag;
    std::string flagDescription;
    int status = 200;
    std::string responseSchema;
};

// What the OpenAPI document says about a route (api/http/openapi.cpp builds it from the routes).
// `requestSchema` and `responseSchema` name a component in openapi_schemas.cpp ("" when there is no body).
struct RouteDoc {
    std::string summary;
    std::string tag;
    std::string requestSchema;
    int successStatus = 200;
    std::string responseSchema;
    std::optional<AlternateResponse> alternate = std::nullopt;
};

// Everything about a route in one declaration: where, who may call it, what the document says, what runs.
struct Route {
    Method method;
    std::string path;  // Pistache pattern, e.g. "/api/apps/:id"
    // The least role allowed to call it; nullopt for the few public routes (health, webhooks,
    // which verify their own signatures). Enforced by the middleware, never by handlers.
    std::optional<store::Role> minRole;
    RouteDoc doc;
    Handler handler;
};

const char* methodName(Method m);

}  // namespace rivetr::api
