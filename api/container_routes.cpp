// The live container of an app: its logs (tail and follow), stats, and start / stop / restart.
#include "api/container_routes.hpp"

#include <thread>

#include "api/api_errors.hpp"
#include "api/app_routes.hpp"
#include "api/container_log_lines.hpp"
#include "api/container_log_stream.hpp"

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;
using store::Role;

constexpr std::chrono::seconds kStopGrace{10};

// Thrown inside this file only: an answer that is not a client input error (409 / 503 / 502).
struct Refusal {
    Reply reply;
};

struct LiveContainer {
    store::AppRecord app;
    std::string containerId;
    std::shared_ptr<runtime::ContainerRuntime> rt;
};

LiveContainer liveContainer(ApiContext& ctx, const Pistache::Rest::Request& req) {
    auto app = requireApp(ctx, req);
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

// The engine publishes the port a moment after start; the route must name the new one.
int publishedPort(runtime::ContainerRuntime& rt, const std::string& id, int containerPort) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (true) {
        auto info = rt.inspectContainer(id);
        for (const auto& p : info.ports) {
            if (p.containerPort == containerPort && p.hostPort > 0) return p.hostPort;
        }
        if (!info.state.running || std::chrono::steady_clock::now() > deadline) {
            throw Refusal{Reply::error(502, "start_failed", "the container did not come up (state " +
                                                                info.state.status + ")")};
        }
        std::this_thread::sleep_for(50ms);
    }
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

Reply tailLogs(ApiContext& ctx, const Pistache::Rest::Request& req) {
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

Reply followLogs(ApiContext& ctx, const Pistache::Rest::Request& req) {
    int tail = tailOf(req, 100);
    auto live = liveContainer(ctx, req);
    return Reply::streaming(std::make_shared<ContainerLogStream>(live.rt, live.containerId, tail));
}

Reply stats(ApiContext& ctx, const Pistache::Rest::Request& req) {
    auto live = liveContainer(ctx, req);
    auto s = live.rt->stats(live.containerId);
    return Reply::json(200, {{"cpu_percent", s.cpuPercent},
                             {"memory_bytes", s.memoryUsageBytes},
                             {"memory_limit_bytes", s.memoryLimitBytes},
                             {"net_rx_bytes", s.networkRxBytes},
                             {"net_tx_bytes", s.networkTxBytes}});
}

// Stop parks the domains first (in-flight requests drain, new ones get 503) and only then stops
// the container, so nobody sees a 502 from a dying upstream.
Reply stop(ApiContext& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto live = liveContainer(ctx, req);
    if (ctx.live.appSwitch) ctx.live.appSwitch->park(live.app);
    live.rt->stopContainer(live.containerId, kStopGrace);
    ctx.apps.setStopped(live.app.id, true);  // and stays stopped when rivetr restarts
    ctx.record(rc, "app.stop", "app", live.app.id, {{"container_id", live.containerId}});
    return Reply::json(200, {{"status", "stopped"}});
}

Reply startOrRestart(ApiContext& ctx, const Pistache::Rest::Request& req, const RequestContext& rc, bool restart) {
    auto live = liveContainer(ctx, req);
    if (restart) {
        if (ctx.live.appSwitch) ctx.live.appSwitch->park(live.app);
        live.rt->restartContainer(live.containerId, kStopGrace);
    } else {
        live.rt->startContainer(live.containerId);
    }
    int port = publishedPort(*live.rt, live.containerId, live.app.port);
    if (ctx.live.appSwitch) ctx.live.appSwitch->route(live.app, "127.0.0.1", port);
    ctx.apps.setStopped(live.app.id, false);
    ctx.record(rc, restart ? "app.restart" : "app.start", "app", live.app.id, {{"container_id", live.containerId}});
    return Reply::json(200, {{"status", "running"}});
}

}  // namespace

std::vector<Route> containerRoutes(ApiContext& ctx) {
    return {
        {Method::Get, "/api/apps/:id/logs", Role::viewer,
         [&ctx](const auto& req, auto&) { return guarded([&] { return tailLogs(ctx, req); }); }},
        {Method::Get, "/api/apps/:id/logs/stream", Role::viewer,
         [&ctx](const auto& req, auto&) { return guarded([&] { return followLogs(ctx, req); }); }},
        {Method::Get, "/api/apps/:id/stats", Role::viewer,
         [&ctx](const auto& req, auto&) { return guarded([&] { return stats(ctx, req); }); }},
        {Method::Post, "/api/apps/:id/start", Role::developer,
         [&ctx](const auto& req, auto& rc) { return guarded([&] { return startOrRestart(ctx, req, rc, false); }); }},
        {Method::Post, "/api/apps/:id/stop", Role::developer,
         [&ctx](const auto& req, auto& rc) { return guarded([&] { return stop(ctx, req, rc); }); }},
        {Method::Post, "/api/apps/:id/restart", Role::developer,
         [&ctx](const auto& req, auto& rc) { return guarded([&] { return startOrRestart(ctx, req, rc, true); }); }},
    };
}

}  // namespace rivetr::api
