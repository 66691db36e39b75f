// What the app, env, deployment, domain, certificate and external-route routes work with.
#pragma once

#include <functional>
#include <string>

#include "api/apps/app_list_cache.hpp"
#include "api/apps/app_validation.hpp"
#include "api/apps/external_route_sink.hpp"
#include "api/apps/live_view.hpp"
#include "api/http/audit_trail.hpp"
#include "store/app_repository.hpp"
#include "store/deployment_repository.hpp"
#include "store/env_repository.hpp"
#include "store/external_route_repository.hpp"
#include "store/store.hpp"

namespace rivetr::api {

struct AppsDeps {
    store::Store& store;
    store::AppRepository& apps;
    store::EnvRepository& env;
    store::DeploymentRepository& deployments;
    store::ExternalRouteRepository& externalRoutes;
    AppListCache& appList;
    const AppRules& appRules;  // local repositories allowed? the dashboard's domain; from config
    // The engine's forgetApp: an app is never deleted while it serves (empty in tests of the API alone).
    const std::function<void(const std::string& appId)>& onAppDeleting;
    ExternalRouteSink& externalRouteSink;
    const LiveView& live;
    AuditTrail& trail;
};

}  // namespace rivetr::api
