// What /health, /api/system and /metrics read: the store, the apps and deployments they count, the live figures.
#pragma once

#include "api/system/live_deps.hpp"
#include "store/app_repository.hpp"
#include "store/deployment_repository.hpp"
#include "store/store.hpp"

namespace rivetr::api {

struct SystemDeps {
    store::Store& store;
    store::AppRepository& apps;
    store::DeploymentRepository& deployments;
    LiveDeps& live;
};

}  // namespace rivetr::api
