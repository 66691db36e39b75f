// GET /health: unauthenticated liveness with the state of the store and the container runtime.
#pragma once

#include <functional>

#include "api/route.hpp"

namespace rivetr::api {

struct HealthProbes {
    std::function<bool()> database;
    std::function<bool()> runtime;
};

Route healthRoute(HealthProbes probes);

}  // namespace rivetr::api
