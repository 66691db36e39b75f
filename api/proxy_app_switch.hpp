// AppSwitch on Rivetr's own proxy: a parked app is a route with no target, which the proxy answers 503.
#pragma once

#include "api/app_switch.hpp"
#include "proxy/proxy.hpp"

namespace rivetr::api {

class ProxyAppSwitch : public AppSwitch {
public:
    explicit ProxyAppSwitch(proxy::Proxy& proxy) : proxy_(proxy) {}
    void park(const store::AppRecord& app) override;
    void route(const store::AppRecord& app, const std::string& host, int port) override;

private:
    proxy::Proxy& proxy_;
};

}  // namespace rivetr::api
