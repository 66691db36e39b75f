// Converts apps between their JSON shape (CONTRACT.md) and store records, validating what comes in.
#pragma once

#include <nlohmann/json.hpp>

#include "api/apps/app_validation.hpp"
#include "api/http/json_fields.hpp"
#include "store/records.hpp"

namespace rivetr::api {

// Applies the fields present in `body` onto `app` (POST starts from defaults, PUT from the stored
// app) and validates the result. Throws ValidationError naming the first bad field. Credentials
// in git_url ("https://user:token@host/...") are split off into app.gitCredential, as are the
// write-only `git_credentials` {username, password} (null removes them).
void applyAppJson(const nlohmann::json& body, store::AppRecord& app, bool creating, const AppRules& rules);

// The `git_url` and `git_credentials` fields of `f` onto app.gitUrl / app.gitCredential (the part
// of applyAppJson the new-app wizard's detection shares); the URL is not validated here.
void applyGitSource(const JsonFields& f, store::AppRecord& app);

// The webhook secret is a credential: only callers who may change the app see it. The git
// credential is never shown, to anyone: `has_git_credentials` says whether there is one.
nlohmann::json appToJson(const store::AppRecord& app, bool withSecret);

}  // namespace rivetr::api
