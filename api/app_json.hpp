// Converts apps between their JSON shape (CONTRACT.md) and store records, validating what comes in.
#pragma once

#include <nlohmann/json.hpp>

#include "store/records.hpp"

namespace rivetr::api {

// Applies the fields present in `body` onto `app` (POST starts from defaults, PUT from the stored
// app) and validates the result. Throws ValidationError naming the first bad field.
void applyAppJson(const nlohmann::json& body, store::AppRecord& app, bool creating);

// The webhook secret is a credential: only callers who may change the app see it.
nlohmann::json appToJson(const store::AppRecord& app, bool withSecret);

}  // namespace rivetr::api
