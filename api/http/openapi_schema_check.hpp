// Checks a JSON value against a schema of the OpenAPI document (the subset the document uses:
// $ref, allOf, nullable, type, properties, required, additionalProperties, items, enum, date-time),
// so tests can hold the server's real answers to what the document, and the dashboard, expect.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace rivetr::api {

// Every way `value` departs from `schema` ("$.field: ..."); empty when it conforms.
std::vector<std::string> schemaViolations(const nlohmann::json& document, const nlohmann::json& schema,
                                          const nlohmann::json& value, const std::string& where = "$");

}  // namespace rivetr::api
