// The rules an app's fields must satisfy before anything is stored; each throws ValidationError naming the field.
#pragma once

#include <string>
#include <vector>

#include "store/records.hpp"

namespace rivetr::api {

// The server's settings some rules depend on; `rivetr serve` fills them from its config.
struct AppRules {
    bool allowLocalRepositories = false;  // [git] allow_local_repositories: file:// and paths
    std::string dashboardDomain;          // [server] dashboard_domain: no app or route may take it
    std::string baseDomain;               // [server] base_domain: apps created without a domain get one under it
};

void validateAppName(const std::string& name);
// The one git URL rule (git::checkRemoteUrl) for apps and the new-app wizard alike.
void validateGitUrl(const std::string& url, bool allowLocalRepositories);
void validateBranch(const std::string& branch);
void validatePort(std::int64_t port);
void validateBuildType(const std::string& type);
void validateRelativePath(const std::string& field, const std::string& path);
void validateHealthCheck(const store::HealthCheckSpec& h);
void validateLimits(const store::AppRecord& app);
// Lower-cases, checks each name (exact or "*.example.com") and rejects duplicates.
std::vector<std::string> normalizeDomains(const std::vector<std::string>& domains);
void validateEnvKey(const std::string& key);

// Throws store::ConflictError (409) naming `field` when `domain` is the dashboard's own host name:
// taken by an app or an external route, the dashboard would answer 502, then 404.
void checkNotDashboardDomain(const std::string& field, const std::string& domain, const AppRules& rules);

// Every rule above on a whole record.
void validateApp(const store::AppRecord& app, const AppRules& rules);

}  // namespace rivetr::api
