// The image routes' answers as JSON: what the dashboard, the CLI and the OpenAPI schemas (Image*) see.
#pragma once

#include <nlohmann/json.hpp>

#include "images/image_catalog.hpp"
#include "images/prune_plan.hpp"

namespace rivetr::api {

// `host`: the id of the host the image is on.
nlohmann::json imageJson(const images::ImageEntry& e, const std::string& host);
nlohmann::json pullProgressJson(const runtime::PullProgress& p);
nlohmann::json pullResultJson(const runtime::PullResult& r);
nlohmann::json imageRemovalJson(const runtime::ImageRemoval& r);
nlohmann::json imageLayerJson(const runtime::ImageLayer& l);
nlohmann::json diskUsageJson(const runtime::DiskUsage& u);
// A dry run's plan (outcomes empty), or an executed prune's plan with what happened to each image.
nlohmann::json pruneJson(const images::PrunePlan& plan, bool dryRun, const std::vector<images::PruneOutcome>& outcomes = {},
                         std::int64_t removedSizeBytes = 0);

}  // namespace rivetr::api
