// GET /health: unauthenticated liveness with the state of the store, the container runtime and the data directory.
#include "api/system/health_route.hpp"

#include "core/version.hpp"

namespace rivetr::api {

namespace {

// A full or read-only data directory fails every deploy but not the API: reported, like the engine.
nlohmann::json diskJson(const DiskReport& r) {
    return {{"status", diskStatusName(r.status)},
            {"free_bytes", r.freeBytes ? nlohmann::json(*r.freeBytes) : nlohmann::json(nullptr)}};
}

}  // namespace

// The API answers 200 as long as it can serve; "db" decides the status because nothing works
// without the store, while a stopped container engine only stops deploys (reported, not fatal).
Route healthRoute(HealthProbes probes) {
    return {Method::Get, "/health", std::nullopt,
            {"Liveness of the API, the database and the container runtime: {status, version, db, runtime, disk: {status: "
             "ok|full|unwritable, free_bytes|null}}. `disk` is the data directory and its work/ directory as deploys write "
             "them (full: a write failed for want of space, or under 16 MB free); it does not change the status code",
             "system", "", 200, "Object"},
            [probes](const Pistache::Rest::Request&, RequestContext&) {
                bool db = probes.database && probes.database();
                bool runtime = probes.runtime && probes.runtime();
                nlohmann::json body{{"status", db ? "ok" : "degraded"},
                                    {"version", RIVETR_VERSION},
                                    {"db", db ? "ok" : "unavailable"},
                                    {"runtime", runtime ? "ok" : "unavailable"}};
                if (probes.dataDir) body["disk"] = diskJson(probes.dataDir());
                return Reply::json(db ? 200 : 503, body);
            }};
}

}  // namespace rivetr::api
