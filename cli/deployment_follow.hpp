// Follows one deployment to its end, printing its build log as it grows (deploy --wait, rollback --wait).
#pragma once

#include <string>

#include "cli/api_client.hpp"

namespace rivetr::cli {

// Polls the deployment's logs every ~500 ms and prints new lines (to stderr when `json`, so stdout
// stays one JSON document: the final deployment). Returns 0 when it ends running (or was already
// replaced by a newer one), 1 when failed, cancelled or rolled back, with the reason on stderr.
int followDeployment(const ApiClient& api, const std::string& deploymentId, bool json);

}  // namespace rivetr::cli
