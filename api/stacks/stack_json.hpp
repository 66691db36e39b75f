// The stack routes' answers and inputs as JSON: what the dashboard, the CLI and the OpenAPI schemas (Stack*) see.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "stacks/compose_issue.hpp"
#include "stacks/stack_service.hpp"

namespace rivetr::api {

nlohmann::json stackSummaryJson(const stacks::StackSummary& s);
// Secret values are write-only: shown as null with "secret": true.
nlohmann::json stackDetailJson(const stacks::StackDetail& d);
nlohmann::json stackDeployJson(const stacks::StackDeployOutcome& o);
nlohmann::json stackDownJson(const stacks::DownResult& d);
nlohmann::json stackRevisionJson(const store::StackRevision& r);
nlohmann::json composeIssuesJson(const std::vector<stacks::ComposeIssue>& issues);

// `env`: {"KEY": "value"} or {"KEY": {"value": "v" | null, "secret": bool}}. A secret given with a null
// value keeps the value stored in `current` (secrets are write-only, so an edit form sends them back
// as null). Throws ValidationError naming env.KEY.
std::vector<store::StackVar> stackVarsFrom(const nlohmann::json& env, const std::vector<store::StackVar>& current);

}  // namespace rivetr::api
