// GET /api/containers/{id}/terminal: a WebSocket to a shell in a running container (admins, session cookie only).
#pragma once

#include <memory>
#include <vector>

#include "api/http/route.hpp"
#include "api/terminal/terminal_deps.hpp"

namespace rivetr::api {

// Where the WebSocket is terminated, and why there. Pistache has no WebSocket, and the dashboard must reach
// the terminal on its own origin in both set-ups: on the API's address (http://127.0.0.1:8080, no proxy in
// front) and on `[server] dashboard_domain` (the proxy forwards that host to the API and tunnels upgrades,
// keeping Host). So the API's own router, middleware and authenticator take the request like any other
// (session cookie, admin role, rate limits), this handler checks what only a WebSocket needs (Origin, no
// token in the URL, the allow-lists) and prepares the exec, and only then the connection leaves Pistache
// (api/http/connection_takeover.hpp) for a Beast WebSocket session (terminal/). One endpoint, one
// authenticator, no second listener, and the proxy needs no knowledge of sessions.
std::vector<Route> terminalRoutes(std::shared_ptr<const TerminalDeps> deps);

}  // namespace rivetr::api
