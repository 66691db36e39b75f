// The engine's Traffic seam implemented by Rivetr's own proxy: the one place the two modules meet,
// so engine/ does not link proxy/.
#pragma once

#include "engine/traffic.hpp"
#include "proxy/proxy.hpp"

namespace rivetr::server {

class ProxyTraffic : public engine::Traffic {
public:
    explicit ProxyTraffic(proxy::Proxy& proxy) : proxy_(proxy) {}
    std::future<void> route(const engine::AppTarget& target) override;
    std::future<void> unroute(const std::string& appId) override;
    std::future<void> parkIfServing(const std::string& appId, const std::string& host, int port) override;
    std::future<void> replaceAll(const std::vector<engine::AppTarget>& targets) override;

private:
    proxy::Proxy& proxy_;
};

}  // namespace rivetr::server
