// The rules an app's fields must satisfy before anything is stored; each throws ValidationError naming the field.
#pragma once

#include <string>
#include <vector>

#include "store/records.hpp"

namespace rivetr::api {

void validateAppName(const std::string& name);
void validateGitUrl(const std::string& url);
void validateBranch(const std::string& branch);
void validatePort(std::int64_t port);
void validateBuildType(const std::string& type);
void validateRelativePath(const std::string& field, const std::string& path);
void validateHealthCheck(const store::HealthCheckSpec& h);
void validateLimits(const store::AppRecord& app);
// Lower-cases, checks each name (exact or "*.example.com") and rejects duplicates.
std::vector<std::string> normalizeDomains(const std::vector<std::string>& domains);
void validateEnvKey(const std::string& key);

// Every rule above on a whole record.
void validateApp(const store::AppRecord& app);

}  // namespace rivetr::api
