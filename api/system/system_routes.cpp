// GET /api/system (host, runtime and instance figures for the dashboard) and GET /metrics (Prometheus).
#include "api/system/system_routes.hpp"

#include <nlohmann/json.hpp>

#include "api/system/host_stats.hpp"
#include "core/public_url.hpp"
#include "core/version.hpp"

namespace rivetr::api {
namespace {

using store::Role;

nlohmann::json runtimeJson(SystemDeps& ctx) {
    nlohmann::json j{{"kind", nullptr}, {"version", nullptr}, {"ok", false}};
    auto rt = ctx.live.runtime();
    if (!rt) return j;
    j["kind"] = rt->kind() == runtime::EngineKind::Podman ? "podman" : "docker";
    j["ok"] = rt->ping().ok;
    try {
        j["version"] = rt->version().version;
    } catch (const runtime::RuntimeError&) {
        j["ok"] = false;
    }
    return j;
}

nlohmann::json nullIfEmpty(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

// What the dashboard needs to build an app's URL (scheme, the port when not 80/443) and a webhook URL.
void addPublicAddress(const PublicAddress& a, nlohmann::json& out) {
    out["proxy"] = {{"http_port", a.httpPort}, {"https_port", a.httpsPort}, {"tls", a.tls}};
    out["public_url"] = nullIfEmpty(publicUrlBase(a.publicUrl));
    auto warning = publicUrlWarning(a.publicUrl);
    out["public_url_warning"] = warning ? nlohmann::json(*warning) : nlohmann::json();
}

Reply systemInfo(SystemDeps& ctx, engine::Engine* engine, HostStats& host) {
    auto h = host.read();
    nlohmann::json hostJson{{"cpus", h.cpus},
                            {"cpu_percent", h.cpuPercent},
                            {"load_avg", {h.loadAvg[0], h.loadAvg[1], h.loadAvg[2]}},
                            {"memory_total_bytes", h.memoryTotalBytes},
                            {"memory_used_bytes", h.memoryUsedBytes},
                            {"disk_total_bytes", h.diskTotalBytes},
                            {"disk_free_bytes", h.diskFreeBytes}};
    nlohmann::json out{{"version", RIVETR_VERSION},
                       {"runtime", runtimeJson(ctx)},
                       {"host", hostJson},
                       {"apps", ctx.apps.list().size()},
                       {"deployments_active", engine ? engine->activeDeployments() : 0}};
    addPublicAddress(ctx.live.address, out);
    return Reply::json(200, out);
}

// Proxy figures arrive as a snapshot; they are written as their own families (already totals).
void renderProxy(const proxy::MetricsSnapshot& s, MetricsRegistry& out) {
    out.counter("rivetr_proxy_requests_total", "Proxied requests by route and status class (0xx: no response)");
    for (const auto& [route, counts] : s.routes) {
        for (std::size_t i = 0; i < counts.byClass.size(); ++i) {
            if (counts.byClass[i] == 0) continue;
            out.add("rivetr_proxy_requests_total", {{"route", route}, {"status", std::to_string(i) + "xx"}},
                    static_cast<double>(counts.byClass[i]));
        }
    }
    out.gauge("rivetr_proxy_open_connections", "Client connections open on the proxy");
    out.set("rivetr_proxy_open_connections", {}, static_cast<double>(s.openConnections));
    out.counter("rivetr_proxy_upstream_connect_errors_total", "Failed connections to app containers");
    out.add("rivetr_proxy_upstream_connect_errors_total", {}, static_cast<double>(s.upstreamConnectErrors));
}

// The proxy histogram is kept non-cumulative with its own bucket bounds: written by hand.
std::string renderProxyLatency(const proxy::MetricsSnapshot& s) {
    const std::string name = "rivetr_proxy_request_duration_seconds";
    std::string out = "# HELP " + name + " Proxied request duration\n# TYPE " + name + " histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < s.latencyBuckets.size(); ++i) {
        cumulative += s.latencyBuckets[i];
        auto le = i < proxy::kLatencyBuckets.size() ? formatMetricValue(proxy::kLatencyBuckets[i]) : "+Inf";
        out += name + "_bucket{le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += name + "_sum " + formatMetricValue(s.latencySumSeconds) + "\n";
    out += name + "_count " + std::to_string(cumulative) + "\n";
    return out;
}

}  // namespace

std::string renderMetrics(SystemDeps& ctx, engine::Engine* engine) {
    MetricsRegistry scrape;  // figures that are read now, not counted as they happen
    scrape.gauge("rivetr_deployments", "Deployments by status (from the store)");
    for (const auto& [status, n] : ctx.deployments.countByStatus()) {
        scrape.set("rivetr_deployments", {{"status", status}}, static_cast<double>(n));
    }
    scrape.gauge("rivetr_deploy_queue_depth", "Deployments queued, not yet running");
    scrape.set("rivetr_deploy_queue_depth", {}, engine ? static_cast<double>(engine->queueDepth()) : 0);
    scrape.gauge("rivetr_deployments_active", "Deployments running now");
    scrape.set("rivetr_deployments_active", {}, engine ? static_cast<double>(engine->activeDeployments()) : 0);
    std::string proxyLatency;
    if (ctx.live.proxyFigures) {
        auto s = ctx.live.proxyFigures();
        renderProxy(s, scrape);
        proxyLatency = renderProxyLatency(s);
    }
    return ctx.live.metrics.registry().render() + scrape.render() + proxyLatency;
}

std::vector<Route> systemRoutes(SystemDeps& ctx, engine::Engine* engine) {
    auto host = std::make_shared<HostStats>(ctx.live.dataDir);
    return {
        {Method::Get, "/api/system", Role::viewer,
         {"Version, engine and host figures; the proxy's ports and public URL (app and webhook URLs)", "system", "", 200, "SystemInfo"},
         [&ctx, engine, host](const auto&, auto&) { return systemInfo(ctx, engine, *host); }},
        {Method::Get, "/metrics", Role::viewer,
         {"Prometheus metrics (text exposition format)", "system", "", 200, "Text"},
         [&ctx, engine](const auto&, auto&) {
             return Reply{200, renderMetrics(ctx, engine), "text/plain; version=0.0.4; charset=utf-8"};
         }},
    };
}

}  // namespace rivetr::api
