// AppSwitch on Rivetr's own proxy: a parked app is a route with no target, which the proxy answers 503.
#include "api/proxy_app_switch.hpp"

namespace rivetr::api {

void ProxyAppSwitch::park(const store::AppRecord& app) {
    proxy::AppRoute r;
    r.appId = app.id;
    r.domains = app.domains;
    proxy_.switchApp(std::move(r)).wait();
}

void ProxyAppSwitch::route(const store::AppRecord& app, const std::string& host, int port) {
    proxy::AppRoute r;
    r.appId = app.id;
    r.domains = app.domains;
    r.targets.push_back({host, static_cast<std::uint16_t>(port)});
    proxy_.switchApp(std::move(r)).wait();
}

}  // namespace rivetr::api
