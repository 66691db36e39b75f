// The control plane's own figures for /metrics: HTTP requests by route and status class, request and deploy durations.
#include "api/system/api_metrics.hpp"

namespace rivetr::api {

ApiMetrics::ApiMetrics() {
    registry_.counter("rivetr_http_requests_total", "Control API requests by method, route pattern and status class");
    registry_.histogram("rivetr_http_request_duration_seconds", "Control API request duration (to the answer; "
                        "streams count until they open)",
                        {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5});
    registry_.histogram("rivetr_deploy_duration_seconds", "Deployment duration from start to its terminal status",
                        {5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800});
}

void ApiMetrics::observe(const char* method, const std::string& route, int status, std::chrono::microseconds duration) {
    std::string klass = std::to_string(status / 100) + "xx";
    registry_.add("rivetr_http_requests_total", {{"method", method}, {"route", route}, {"status", klass}});
    registry_.observe("rivetr_http_request_duration_seconds", {{"route", route}},
                      static_cast<double>(duration.count()) / 1e6);
}

engine::DeploymentEvents::Subscription ApiMetrics::watchDeployments(engine::DeploymentEvents& events,
                                                                    store::DeploymentRepository& repo) {
    return events.subscribe("", [this, &repo](const engine::DeploymentEvent& e) {
        if (e.kind != engine::DeploymentEvent::Kind::Status || !e.action.empty()) return;  // actions are no deploys
        if (!store::isTerminalStatus(e.status)) return;
        // One indexed read, once per deployment: cheap enough for the publishing engine thread.
        auto d = repo.get(e.deploymentId);
        if (!d || !d->finishedAt) return;
        auto from = d->startedAt.value_or(d->createdAt);
        registry_.observe("rivetr_deploy_duration_seconds", {{"status", d->status}},
                          static_cast<double>(*d->finishedAt - from) / 1000.0);
    });
}

}  // namespace rivetr::api
