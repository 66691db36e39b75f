// The live-data routes of apps in one group: the deployment streams, the event feed and the live container.
#include "api/apps/live_routes.hpp"

#include <charconv>

#include "api/http/api_errors.hpp"
#include "api/apps/container_routes.hpp"
#include "api/apps/deployment_feed_stream.hpp"
#include "api/apps/deployment_log_stream.hpp"

namespace rivetr::api {
namespace {

using store::Role;

// Last-Event-ID (a reconnecting EventSource sends it) wins over ?after=N.
std::int64_t resumeAfter(const Pistache::Rest::Request& req) {
    std::optional<std::string> v;
    if (auto h = req.headers().tryGetRaw("Last-Event-ID")) v = h->value();
    if (!v) v = req.query().get("after").value_or("0");
    try {
        std::size_t used = 0;
        auto n = std::stoll(*v, &used);
        if (used == v->size() && n >= 0) return n;
    } catch (const std::exception&) {
    }
    throw ValidationError("after", "must be a log line id");
}

// The feed's Last-Event-ID; one that is not a number is an id this server never gave (-1: unknown).
std::optional<std::int64_t> feedResumeAfter(const Pistache::Rest::Request& req) {
    auto h = req.headers().tryGetRaw("Last-Event-ID");
    if (!h) return std::nullopt;
    const auto& v = h->value();
    std::int64_t id = -1;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    return ec == std::errc() && end == v.data() + v.size() ? id : -1;
}

Reply deploymentLogStream(AppsDeps& ctx, engine::Engine& engine, const Pistache::Rest::Request& req) {
    auto id = req.param(":id").as<std::string>();
    if (!ctx.deployments.get(id)) throw NotFoundError("no deployment \"" + id + "\"");
    return Reply::streaming(std::make_shared<DeploymentLogStream>(ctx.deployments, engine.events(), id, resumeAfter(req)));
}

}  // namespace

std::vector<Route> liveRoutes(AppsDeps& ctx, engine::Engine* engine) {
    auto routes = containerRoutes(ctx, engine);
    if (!engine) return routes;
    routes.push_back({Method::Get, "/api/deployments/:id/logs/stream", Role::viewer,
                      {"Live deployment log (SSE): stored lines after Last-Event-ID or ?after=N, then live `log`, `status` "
                       "and a final `end` event",
                       "deployments", "", 200, "EventStream"},
                      [&ctx, engine](const auto& req, auto&) { return deploymentLogStream(ctx, *engine, req); }});
    // Recording from now on, whether or not a client listens, so a reconnecting one can catch up.
    auto journal = std::make_shared<FeedJournal>(engine->events());
    routes.push_back({Method::Get, "/api/events", Role::viewer,
                      {"Status changes of every deployment (SSE `deployment` events), webhook deliveries recorded (`webhook_delivery` "
                       "events: {app_id, result, deployment_id}) and app action (`action` events: "
                       "{id, app_id, action, status: pending|in_progress|done|failed, error?}; schemas Deployment and ActionEvent). "
                       "The engine's own actions come the same way: `crash` (status crashed: the live container died, error says "
                       "why; its domains answer 503) and `recover` (the automatic restart with back-off that follows). A "
                       "reconnect with Last-Event-ID gets the changes it missed, or a `resync` event when they are no longer kept",
                       "deployments", "", 200, "EventStream"},
                      [&ctx, journal](const auto& req, auto&) {
                          return Reply::streaming(
                              std::make_shared<DeploymentFeedStream>(ctx.deployments, journal, feedResumeAfter(req)));
                      }});
    return routes;
}

}  // namespace rivetr::api
