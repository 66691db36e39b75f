// The Docker manager's container answers as JSON: list rows, create/edit outcomes, stats and processes.
#pragma once

#include <nlohmann/json.hpp>

#include "containers/container_manager.hpp"

namespace rivetr::api {

nlohmann::json toJson(const containers::ContainerRow& row);
nlohmann::json toJson(const containers::CreateOutcome& outcome);
nlohmann::json toJson(const runtime::Stats& stats);
nlohmann::json toJson(const runtime::ProcessList& processes);

}  // namespace rivetr::api
