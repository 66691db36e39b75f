// The ONE place a route snapshot is built from a desired-state description (apps + external routes).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "proxy/route_table.hpp"
#include "proxy/target.hpp"

namespace rivetr::proxy {

struct AppRoute {
    std::string appId;
    std::vector<std::string> domains;  // "app.example.com", "*.example.com"
    std::vector<Endpoint> targets;     // replicas, round robin
    HealthCheckSpec health;
    bool redirectHttps = false;
};

struct ExternalRoute {
    std::string domain;
    Endpoint upstream;
    bool redirectHttps = false;
    // Only the dashboard route to our own control API: the per-process mark (core/proxy_mark.hpp)
    // added to every request forwarded on it, so the API believes its X-Forwarded-For.
    std::string proxyMark = {};
};

// Everything that should be routed. The engine fills it from the store; the proxy keeps the
// last applied one and edits a copy for switchApp/removeApp/external changes.
struct DesiredRoutes {
    std::map<std::string, AppRoute> apps;            // by app id
    std::map<std::string, ExternalRoute> externals;  // by normalized domain
};

// Targets and stats that already exist, reused when an endpoint is unchanged, so a rebuild
// never resets a healthy target or its in-flight count.
struct LiveState {
    std::map<std::string, std::shared_ptr<Target>> targets;   // by owner + "|" + endpoint key
    std::map<std::string, std::shared_ptr<RouteStats>> stats;  // by backend name
};

struct BuiltRoutes {
    std::shared_ptr<const Routes> routes;
    LiveState live;                                // to keep for the next build
    std::vector<std::shared_ptr<Target>> added;    // need activation / health checks
    std::vector<std::shared_ptr<Target>> removed;  // need draining
};

// Validates the whole description first (throws std::invalid_argument naming the bad field,
// changing nothing), then builds the snapshot.
BuiltRoutes buildRoutes(const DesiredRoutes& desired, const LiveState& previous);

// "App.Example.com" -> "app.example.com"; "*.x.com" kept; throws std::invalid_argument if not a host name.
std::string normalizeDomain(const std::string& domain);

}  // namespace rivetr::proxy
