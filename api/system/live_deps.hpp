// What `rivetr serve` fills in for the live-data routes: what apps read (LiveView), plus the figures and addresses /api/system reports.
#pragma once

#include <filesystem>
#include <functional>

#include "api/apps/live_view.hpp"
#include "api/http/public_address.hpp"
#include "api/system/api_metrics.hpp"
#include "proxy/metrics.hpp"

namespace rivetr::api {

// One struct for the server to fill; each feature's dependencies refer to the part they read.
struct LiveDeps : LiveView {
    std::function<proxy::MetricsSnapshot()> proxyFigures;  // empty: no proxy series in /metrics
    std::filesystem::path dataDir = ".";                   // whose disk /api/system reports
    PublicAddress address;                                 // what /api/system tells the dashboard
    ApiMetrics metrics;                                    // the middleware's observer
};

}  // namespace rivetr::api
