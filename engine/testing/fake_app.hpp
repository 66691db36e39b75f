// An app ready for the fake runtime: TCP health check, and a deployment whose image the runtime holds.
#pragma once

#include <string>

#include "engine/testing/fake_runtime.hpp"
#include "runtime/naming.hpp"
#include "store/app_repository.hpp"
#include "store/deployment_repository.hpp"

namespace rivetr::engine::testing {

// Creates app `appId` (port 8000, domain <appId>.test, a quick TCP health check against the fake's
// listening ports) and deployment `baseDeploymentId` with an image in `rt`: a rollback to it is
// a whole deployment (start, check, switch, retire) without clone or build.
inline void createAppWithBaseImage(store::AppRepository& apps, store::DeploymentRepository& deployments,
                                   FakeRuntime& rt, const std::string& appId, const std::string& baseDeploymentId) {
    store::AppRecord a;
    a.id = appId;
    a.name = appId;
    a.gitUrl = "https://example.com/" + appId + ".git";
    a.port = 8000;
    a.domains = {appId + ".test"};
    a.healthcheck.type = "tcp";
    a.healthcheck.intervalMs = 50;
    a.healthcheck.retries = 3;
    a.webhookSecret = "s";
    apps.create(a);
    auto image = "rivetr/" + appId + ":base";
    rt.addImage(image, runtime::rivetrLabels(appId, baseDeploymentId));
    store::DeploymentRecord d;
    d.id = baseDeploymentId;
    d.appId = appId;
    d.image = image;
    deployments.create(d);
}

}  // namespace rivetr::engine::testing
