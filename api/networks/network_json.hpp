// The network routes' answers as JSON: what the dashboard, the CLI and the OpenAPI schemas (Network*) see.
#pragma once

#include <nlohmann/json.hpp>

#include "networks/network_manager.hpp"

namespace rivetr::api {

nlohmann::json networkJson(const networks::NetworkEntry& e);
// A dry run's plan (outcomes empty), or an executed prune's outcomes beside the plan it followed.
nlohmann::json networkPruneJson(const networks::PrunePlan& plan, bool dryRun, const std::vector<networks::PruneOutcome>& outcomes = {});

}  // namespace rivetr::api
