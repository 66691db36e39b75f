// External routes over the API: validated, stored, audited, then handed to the proxy.
#include "api/apps/external_route_routes.hpp"

#include <regex>

#include "api/http/api_errors.hpp"
#include "api/apps/app_validation.hpp"
#include "api/http/json_fields.hpp"
#include "core/clock.hpp"

namespace rivetr::api {
namespace {

using store::Role;

nlohmann::json toJson(const store::ExternalRouteRecord& r) {
    return {{"domain", r.domain},
            {"upstream", r.upstream},
            {"tls", r.tls},
            {"created_at", formatRfc3339(r.createdAt)},
            {"updated_at", formatRfc3339(r.updatedAt)}};
}

Reply list(AppsDeps& ctx) {
    auto j = nlohmann::json::array();
    for (const auto& r : ctx.externalRoutes.list()) j.push_back(toJson(r));
    return Reply::json(200, j);
}

Reply put(AppsDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"domain", "upstream", "tls"});
    auto domain = f.string("domain");
    if (!domain || domain->empty()) throw ValidationError("domain", "is required");
    auto normalized = normalizeDomains({*domain});  // same host-name rules as app domains
    checkNotDashboardDomain("domain", normalized.at(0), ctx.appRules);
    auto upstreamText = f.string("upstream").value_or("");
    if (!parseUpstream(upstreamText)) {
        throw ValidationError("upstream", "must be host:port (a host name, IPv4 or [IPv6] and a port 1-65535)");
    }
    store::ExternalRouteRecord r{normalized.at(0), upstreamText, f.boolean("tls").value_or(false), 0, 0};
    bool existed = ctx.externalRoutes.find(r.domain).has_value();
    ctx.externalRoutes.put(r);
    auto stored = *ctx.externalRoutes.find(r.domain);
    if (ctx.externalRouteSink.apply) ctx.externalRouteSink.apply(stored);
    ctx.trail.record(rc, existed ? "route.update" : "route.create", "route", r.domain,
               {{"upstream", r.upstream}, {"tls", r.tls}});
    return Reply::json(existed ? 200 : 201, toJson(stored));
}

Reply remove(AppsDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto domain = req.param(":domain").as<std::string>();
    for (auto& c : domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!ctx.externalRoutes.remove(domain)) throw NotFoundError("no external route for \"" + domain + "\"");
    if (ctx.externalRouteSink.remove) ctx.externalRouteSink.remove(domain);
    ctx.trail.record(rc, "route.delete", "route", domain);
    return Reply{204, "", "application/json"};
}

}  // namespace

std::optional<Upstream> parseUpstream(const std::string& text) {
    static const std::regex form(R"(^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?):([0-9]{1,5})$)");
    std::smatch m;
    if (!std::regex_match(text, m, form)) return std::nullopt;
    int port = std::stoi(m[3].str());
    if (port < 1 || port > 65535) return std::nullopt;
    auto host = m[1].str();
    if (host.front() == '[') host = host.substr(1, host.size() - 2);
    return Upstream{host, port};
}

std::vector<Route> externalRouteRoutes(AppsDeps& ctx) {
    return {
        {Method::Get, "/api/routes", Role::admin,
         {"List external routes", "admin", "", 200, "ExternalRouteList"},
         [&ctx](const auto&, auto&) { return list(ctx); }},
        {Method::Post, "/api/routes", Role::admin,
         {"Create or replace the external route of a domain", "admin", "ExternalRouteInput", 201,
          "ExternalRoute"},
         [&ctx](const auto& req, auto& rc) { return put(ctx, req, rc); }},
        {Method::Delete, "/api/routes/:domain", Role::admin,
         {"Remove an external route", "admin", "", 204, ""},
         [&ctx](const auto& req, auto& rc) { return remove(ctx, req, rc); }},
    };
}

}  // namespace rivetr::api
