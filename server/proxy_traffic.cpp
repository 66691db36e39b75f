// Traffic implemented by Rivetr's own proxy (proxy::Proxy).
#include "server/proxy_traffic.hpp"

namespace rivetr::server {
namespace {

using engine::AppTarget;

// The engine's health gate has already proven the target before it is routed; the proxy marks
// it failed passively on connection errors. An active check here would start the target in
// "adding" and answer 503 until its first probe, the very gap the switch must not have.
proxy::AppRoute toRoute(const AppTarget& t) {
    proxy::AppRoute r;
    r.appId = t.appId;
    r.domains = t.domains;
    if (!t.isParked()) r.targets.push_back({t.host, static_cast<std::uint16_t>(t.port)});
    return r;
}

}  // namespace

std::future<void> ProxyTraffic::route(const AppTarget& target) { return proxy_.switchApp(toRoute(target)); }

std::future<void> ProxyTraffic::unroute(const std::string& appId) { return proxy_.removeApp(appId); }

std::future<void> ProxyTraffic::parkIfServing(const std::string& appId, const std::string& host, int port) {
    proxy::Endpoint gone{host, static_cast<std::uint16_t>(port)};
    return proxy_.edit([&](proxy::DesiredRoutes& desired) {
        auto it = desired.apps.find(appId);
        if (it != desired.apps.end() && it->second.targets == std::vector<proxy::Endpoint>{gone}) it->second.targets.clear();
    });
}

std::future<void> ProxyTraffic::replaceAll(const std::vector<AppTarget>& targets) {
    // One edit: an external route added meanwhile survives (a read-then-apply would drop it).
    return proxy_.edit([&](proxy::DesiredRoutes& desired) {
        desired.apps.clear();
        for (const auto& t : targets) desired.apps[t.appId] = toRoute(t);
    });
}

}  // namespace rivetr::server
