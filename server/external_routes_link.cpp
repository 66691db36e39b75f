// Store → proxy for external routes: the single conversion used at start and on every change.
#include "server/external_routes_link.hpp"

#include "api/apps/external_route_routes.hpp"
#include "core/log.hpp"

namespace rivetr::server {
namespace {

std::optional<proxy::ExternalRoute> toProxyRoute(const store::ExternalRouteRecord& r) {
    auto up = api::parseUpstream(r.upstream);
    if (!up) return std::nullopt;  // validated on the way in; only a hand-edited row gets here
    return proxy::ExternalRoute{r.domain, {up->host, static_cast<std::uint16_t>(up->port)}, r.tls};
}

void apply(proxy::Proxy& proxy, const store::ExternalRouteRecord& r) {
    if (auto route = toProxyRoute(r)) {
        proxy.setExternalRoute(*route);
    } else {
        log::warn("routes.external_invalid", {{"domain", r.domain}, {"upstream", r.upstream}});
    }
}

}  // namespace

void linkExternalRoutes(api::ApiContext& ctx, proxy::Proxy& proxy) {
    for (const auto& r : ctx.externalRoutes.list()) apply(proxy, r);
    ctx.externalRouteSink.apply = [&proxy](const store::ExternalRouteRecord& r) { apply(proxy, r); };
    ctx.externalRouteSink.remove = [&proxy](const std::string& domain) { proxy.removeExternalRoute(domain); };
}

}  // namespace rivetr::server
