// Start/stop on the data plane: a parked app is a target with port 0, which Traffic routes with
// no endpoint (the proxy answers 503). The AppRoute itself is built in one place, ProxyTraffic.
#include "api/proxy_app_switch.hpp"

namespace rivetr::api {

void ProxyAppSwitch::park(const store::AppRecord& app) { route(app, "", 0); }

void ProxyAppSwitch::route(const store::AppRecord& app, const std::string& host, int port) {
    traffic_.route({app.id, app.domains, host, port}).wait();
}

}  // namespace rivetr::api
