// The control plane's own figures for /metrics: HTTP requests by route and status class, request and deploy durations.
#pragma once

#include "api/http/metrics_registry.hpp"
#include "api/http/request_observer.hpp"
#include "engine/deployment_events.hpp"
#include "store/deployment_repository.hpp"

namespace rivetr::api {

class ApiMetrics : public RequestObserver {
public:
    ApiMetrics();
    void observe(const char* method, const std::string& route, int status, std::chrono::microseconds duration) override;
    // Deploy durations (started → finished) are observed when the bus announces a terminal status.
    // The subscription lives until this object or the returned handle is destroyed.
    engine::DeploymentEvents::Subscription watchDeployments(engine::DeploymentEvents& events,
                                                            store::DeploymentRepository& repo);
    MetricsRegistry& registry() { return registry_; }

private:
    MetricsRegistry registry_;
};

}  // namespace rivetr::api
