// Traffic implemented by Rivetr's own proxy (proxy::Proxy).
#pragma once

#include "engine/traffic.hpp"
#include "proxy/proxy.hpp"

namespace rivetr::engine {

class ProxyTraffic : public Traffic {
public:
    explicit ProxyTraffic(proxy::Proxy& proxy) : proxy_(proxy) {}
    std::future<void> route(const AppTarget& target) override;
    std::future<void> unroute(const std::string& appId) override;
    std::future<void> parkIfServing(const std::string& appId, const std::string& host, int port) override;
    std::future<void> replaceAll(const std::vector<AppTarget>& targets) override;

private:
    proxy::Proxy& proxy_;
};

}  // namespace rivetr::engine
