// Serves the built React dashboard (frontend/dist) from the API origin: `/`, `/assets/*` and the
// single-page-app fallback, with cache headers; a plain "not built" page when there is no build.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/route.hpp"

namespace rivetr::api {

struct DashboardOptions {
    std::filesystem::path dir;  // server.dashboard_dir; empty: look beside the binary, then the source tree
};

// The first directory holding index.html among: the configured one (alone, when set),
// <exe_dir>/../share/rivetr/dashboard, <exe_dir>/dashboard, the source tree's frontend/dist.
std::optional<std::filesystem::path> locateDashboard(const DashboardOptions& options,
                                                     const std::filesystem::path& executable);

class DashboardAssets {
public:
    // `dir` nullopt: every page answers the "not built" page.
    explicit DashboardAssets(std::optional<std::filesystem::path> dir);

    Reply index() const;
    Reply asset(std::string_view name) const;  // a file directly under assets/
    // Any GET no route matched: a top-level file of the build, index.html for pages a browser asks
    // for (so deep links work), else the API's JSON 404. /api and /webhooks never get HTML.
    Reply fallback(std::string_view method, std::string_view path, std::string_view accept) const;

    bool built() const { return dir_.has_value(); }

private:
    Reply file(const std::filesystem::path& path, std::string cacheControl) const;
    Reply notBuilt() const;
    std::optional<std::filesystem::path> dir_;
};

// Finds the build for the running binary (/proc/self/exe) and logs where it is, or that there is none.
std::shared_ptr<const DashboardAssets> openDashboard(const DashboardOptions& options);

// GET / and GET /assets/* (public).
std::vector<Route> dashboardRoutes(std::shared_ptr<const DashboardAssets> assets);
// The route the API server runs for requests no other route matched.
Route dashboardFallbackRoute(std::shared_ptr<const DashboardAssets> assets);

// Content type by file extension; application/octet-stream for unknown ones.
std::string contentTypeFor(const std::filesystem::path& path);
// A single path segment safe to join under a directory: no separators, no dot-segments, no hidden files.
bool safeFileName(std::string_view name);

}  // namespace rivetr::api
