// GET /health: unauthenticated liveness with the state of the store, the container runtime and the data directory.
#pragma once

#include <functional>

#include "api/http/route.hpp"
#include "core/data_dir_probe.hpp"

namespace rivetr::api {

struct HealthProbes {
    std::function<bool()> database;
    std::function<bool()> runtime;
    // Whether deploys can write into the data directory; unset: /health has no "disk" field.
    std::function<DiskReport()> dataDir = nullptr;
};

Route healthRoute(HealthProbes probes);

}  // namespace rivetr::api
