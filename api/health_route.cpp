// GET /health: unauthenticated liveness with the state of the store and the container runtime.
#include "api/health_route.hpp"

#include "core/version.hpp"

namespace rivetr::api {

// The API answers 200 as long as it can serve; "db" decides the status because nothing works
// without the store, while a stopped container engine only stops deploys (reported, not fatal).
Route healthRoute(HealthProbes probes) {
    return {Method::Get, "/health", std::nullopt, [probes](const Pistache::Rest::Request&, RequestContext&) {
                bool db = probes.database && probes.database();
                bool runtime = probes.runtime && probes.runtime();
                nlohmann::json body{{"status", db ? "ok" : "degraded"},
                                    {"version", RIVETR_VERSION},
                                    {"db", db ? "ok" : "unavailable"},
                                    {"runtime", runtime ? "ok" : "unavailable"}};
                return Reply::json(db ? 200 : 503, body);
            }};
}

}  // namespace rivetr::api
