// The live container of an app: its logs (tail and follow), stats, and start / stop / restart (engine jobs).
#include "api/apps/container_routes.hpp"

#include "api/http/api_errors.hpp"
#include "api/apps/app_routes.hpp"
#include "api/apps/container_log_lines.hpp"
#include "api/apps/container_log_stream.hpp"

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;
using store::Role;

// How long a start/stop/restart request waits for its job: long enough for a stop's grace period
// and a start, so the dashboard and scripts get the result in the answer; a job still queued
// behind a deployment is answered 202 and announced on /api/events when it ends.
constexpr auto kActionWait = 25s;

// Thrown inside this file only: an answer that is not a client input error (409 / 503 / 502).
struct Refusal {
    Reply reply;
};

struct LiveContainer {
    store::AppRecord app;
    std::string containerId;
    std::shared_ptr<runtime::ContainerRuntime> rt;
};

LiveContainer liveContainer(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    auto app = requireApp(ctx.apps, req);
    std::optional<store::DeploymentRecord> d;
    if (app.liveDeploymentId) d = ctx.deployments.get(*app.liveDeploymentId);
    if (!d || !d->containerId) {
        throw Refusal{Reply::error(409, "not_deployed", "app " + app.name + " has no live deployment")};
    }
    auto rt = ctx.live.runtime();
    if (!rt) throw Refusal{Reply::error(503, "runtime_unavailable", "the container engine is not reachable")};
    return {app, *d->containerId, rt};
}

int tailOf(const Pistache::Rest::Request& req, int fallback) {
    auto t = req.query().get("tail");
    if (!t) return fallback;
    try {
        std::size_t used = 0;
        int n = std::stoi(*t, &used);
        if (used == t->size() && n >= 0 && n <= 10000) return n;
    } catch (const std::exception&) {
    }
    throw ValidationError("tail", "must be a number of lines from 0 to 10000");
}

template <typename Fn>
Reply guarded(Fn&& fn) {
    try {
        return fn();
    } catch (const Refusal& r) {
        return r.reply;
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() == runtime::ErrorKind::DaemonUnavailable) {
            return Reply::error(503, "runtime_unavailable", e.what());
        }
        return Reply::error(502, "runtime_error", e.what());
    }
}

Reply tailLogs(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    int tail = tailOf(req, 100);
    auto live = liveContainer(ctx, req);
    runtime::LogOptions o;
    o.tail = tail;
    o.timestamps = true;
    ContainerLogLines splitter;
    auto lines = nlohmann::json::array();
    live.rt->logs(live.containerId, o, [&](runtime::LogStream s, std::string_view piece) {
        for (const auto& l : splitter.add(s, piece)) lines.push_back(toJson(l));
    });
    for (const auto& l : splitter.finish()) lines.push_back(toJson(l));
    return Reply::json(200, {{"lines", lines}});
}

// A reconnecting client's Last-Event-ID (a line id this stream gave) wins over ?tail: it resumes after
// that line. An id of another shape (a stale tab of an older version) is ignored.
Reply followLogs(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    int tail = tailOf(req, 100);
    std::optional<ContainerLogCursor> after;
    if (auto h = req.headers().tryGetRaw("Last-Event-ID")) after = ContainerLogCursor::parse(h->value());
    auto live = liveContainer(ctx, req);
    return Reply::streaming(containerLogStream(live.rt, live.containerId, tail, after));
}

Reply stats(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    auto live = liveContainer(ctx, req);
    auto s = live.rt->stats(live.containerId);
    return Reply::json(200, {{"cpu_percent", s.cpuPercent},
                             {"memory_bytes", s.memoryUsageBytes},
                             {"memory_limit_bytes", s.memoryLimitBytes},
                             {"net_rx_bytes", s.networkRxBytes},
                             {"net_tx_bytes", s.networkTxBytes}});
}

// The HTTP status an action's refusal is answered with.
int refusalStatus(const std::string& code) {
    if (code == "not_deployed") return 409;
    if (code == "not_found" || code == "container_gone") return 404;  // the app, or its live container, is gone
    if (code == "runtime_unavailable") return 503;
    if (code == "timeout") return 504;
    return 502;  // runtime_error, start_failed, unhealthy, cancelled: it did not come up
}

// Start, stop and restart are engine jobs, serialised with the app's deployments (the engine owns
// what runs). The obvious refusals (no live container, no engine) are answered at once; then the
// job is queued, audited with its actor, and awaited for a while.
Reply act(AppsDeps& ctx, engine::Engine& engine, const Pistache::Rest::Request& req, const RequestContext& rc,
          engine::AppAction action) {
    auto live = liveContainer(ctx, req);
    auto ticket = engine.act(live.app.id, action);
    ctx.trail.record(rc, std::string("app.") + engine::actionName(action), "app", live.app.id,
               {{"action_id", ticket.id}, {"container_id", live.containerId}});
    if (ticket.done.wait_for(kActionWait) != std::future_status::ready) {
        return Reply::json(202, {{"action_id", ticket.id}, {"status", "pending"}});
    }
    try {
        const auto& out = ticket.done.get();
        if (!out.ok) return Reply::error(refusalStatus(out.code), out.code, out.error);
        return Reply::json(200, {{"action_id", ticket.id}, {"status", out.status}});
    } catch (const std::future_error&) {
        return Reply::error(503, "shutting_down", "rivetr is stopping; the action did not run");
    }
}

// What the document says of each action route.
RouteDoc actionDoc(engine::AppAction action) {
    switch (action) {
        case engine::AppAction::Start:
            return {"Start the live container and route to it again: an engine job in the app's turn after its deployments "
                    "({action_id, status}); 202 {action_id, status: pending} when not done within 25 s (then see /api/events)",
                    "runtime", "", 200, "ActionResult"};
        case engine::AppAction::Stop:
            return {"Stop the live container; its domains answer 503. An engine job like start ({action_id, status}, or 202)",
                    "runtime", "", 200, "ActionResult"};
        default:
            return {"Restart the live container with the variables it started with: env changed since (the app's "
                    "env_pending) needs POST /api/apps/{id}/redeploy. An engine job like start ({action_id, status}, or 202)",
                    "runtime", "", 200, "ActionResult"};
    }
}

}  // namespace

std::vector<Route> containerRoutes(AppsDeps& ctx, engine::Engine* engine) {
    std::vector<Route> routes{
        {Method::Get, "/api/apps/:id/logs", Role::viewer,
         {"Last lines of the live container (?tail=N): {lines:[{ts,stream,line}]}",
          "runtime", "", 200, "ContainerLogs"},
         [&ctx](const auto& req, auto&) { return guarded([&] { return tailLogs(ctx, req); }); }},
        {Method::Get, "/api/apps/:id/logs/stream", Role::viewer,
         {"Follow the live container's output (SSE `log` events, ?tail=N); each event's id is "
          "`<ns timestamp>:<n>`, and a reconnect with Last-Event-ID resumes after that line instead of ?tail",
          "runtime", "", 200, "EventStream"},
         [&ctx](const auto& req, auto&) { return guarded([&] { return followLogs(ctx, req); }); }},
        {Method::Get, "/api/apps/:id/stats", Role::viewer,
         {"CPU, memory and network of the live container {cpu_percent, memory_bytes, memory_limit_bytes, "
          "net_rx_bytes, net_tx_bytes}",
          "runtime", "", 200, "ContainerStats"},
         [&ctx](const auto& req, auto&) { return guarded([&] { return stats(ctx, req); }); }},
    };
    if (!engine) return routes;  // tests of the API alone: nothing to run the actions
    for (auto action : {engine::AppAction::Start, engine::AppAction::Stop, engine::AppAction::Restart}) {
        routes.push_back({Method::Post, std::string("/api/apps/:id/") + engine::actionName(action), Role::developer,
                          actionDoc(action),
                          [&ctx, engine, action](const auto& req, auto& rc) {
                              return guarded([&] { return act(ctx, *engine, req, rc, action); });
                          }});
    }
    return routes;
}

}  // namespace rivetr::api
