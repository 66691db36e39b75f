// The volume routes' answers as JSON: what the dashboard, the CLI and the OpenAPI schemas (Volume*) see.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "volumes/volume_manager.hpp"

namespace rivetr::api {

// `host`: the id of the host the volume is on. Sizes the engine did not measure are null ("unknown").
nlohmann::json volumeJson(const volumes::VolumeEntry& e, const std::string& host);
nlohmann::json volumeUsersJson(const std::vector<volumes::VolumeUser>& users);
// A dry run's plan (outcomes empty), or an executed prune with what happened to each volume.
nlohmann::json volumePruneJson(const std::string& host, const volumes::VolumePrunePlan& plan, bool dryRun,
                               const std::vector<volumes::VolumePruneOutcome>& outcomes = {});

}  // namespace rivetr::api
