// AppSwitch through the engine's Traffic seam, so start/stop route apps exactly as deployments do.
#pragma once

#include "api/app_switch.hpp"
#include "engine/traffic.hpp"

namespace rivetr::api {

class ProxyAppSwitch : public AppSwitch {
public:
    explicit ProxyAppSwitch(engine::Traffic& traffic) : traffic_(traffic) {}
    void park(const store::AppRecord& app) override;
    void route(const store::AppRecord& app, const std::string& host, int port) override;

private:
    engine::Traffic& traffic_;
};

}  // namespace rivetr::api
