// The rules an app's fields must satisfy before anything is stored; each throws ValidationError naming the field.
#include "api/apps/app_validation.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "api/http/api_errors.hpp"
#include "core/git/remote_url.hpp"
#include "core/git/source.hpp"
#include "core/text.hpp"
#include "store/conflict_error.hpp"

namespace rivetr::api {
namespace {

bool hasControlOrSpace(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

void range(const std::string& field, std::int64_t v, std::int64_t lo, std::int64_t hi) {
    if (v < lo || v > hi) {
        throw ValidationError(field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    }
}

}  // namespace

void validateAppName(const std::string& name) {
    static const std::regex re("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    if (!std::regex_match(name, re)) {
        throw ValidationError("name", "must be 1-63 lower-case letters, digits or '-', not starting or ending with '-'");
    }
}

void validateGitUrl(const std::string& url, bool allowLocalRepositories) {
    try {
        git::checkRemoteUrl(url, allowLocalRepositories);
    } catch (const git::SourceError& e) {
        throw ValidationError("git_url", e.what());
    }
}

// git check-ref-format rules, as far as they matter for a branch or tag name.
void validateBranch(const std::string& b) {
    static const std::regex bad(R"((^-)|(^/)|(/$)|(\.\.)|(//)|(@\{)|([~^:?*\[\\])|(\.lock$)|(^\.)|(/\.))");
    if (b.empty() || b.size() > 255 || hasControlOrSpace(b) || std::regex_search(b, bad)) {
        throw ValidationError("branch", "must be a valid git branch name");
    }
}

void validatePort(std::int64_t port) { range("port", port, 1, 65535); }

void validateBuildType(const std::string& type) {
    static const std::set<std::string> types{"auto", "dockerfile", "static", "nixpacks", "buildpacks", "railpack"};
    if (!types.count(type)) {
        throw ValidationError("build_type", "must be one of auto, dockerfile, static, nixpacks, buildpacks, railpack");
    }
}

void validateRelativePath(const std::string& field, const std::string& path) {
    if (path.size() > 1024 || hasControlOrSpace(path) || (!path.empty() && path[0] == '/') ||
        path.find('\\') != std::string::npos) {
        throw ValidationError(field, "must be a relative path inside the repository");
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (path.substr(start, end - start) == "..") throw ValidationError(field, "must not leave the repository ('..')");
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

void validateHealthCheck(const store::HealthCheckSpec& h) {
    if (h.type != "http" && h.type != "tcp") throw ValidationError("healthcheck.type", "must be http or tcp");
    if (h.path.empty() || h.path[0] != '/' || h.path.size() > 1024 || hasControlOrSpace(h.path)) {
        throw ValidationError("healthcheck.path", "must be a URL path starting with '/'");
    }
    range("healthcheck.interval_ms", h.intervalMs, 100, 60000);
    range("healthcheck.timeout_ms", h.timeoutMs, 100, 60000);
    range("healthcheck.retries", h.retries, 1, 1000);
    range("healthcheck.start_period_ms", h.startPeriodMs, 0, 600000);
}

void validateLimits(const store::AppRecord& app) {
    // Docker refuses less than 6 MiB; 1 TiB is a typo guard.
    if (app.memoryLimitBytes) range("resources.memory_limit_bytes", *app.memoryLimitBytes, 6 << 20, std::int64_t{1} << 40);
    if (app.cpuLimitMillis) range("resources.cpu_limit_millis", *app.cpuLimitMillis, 10, 256000);
    // A stage deadline shorter than a second can never be met; longer than a day hides a stuck deployment.
    const auto& d = app.deadlines;
    for (auto [name, v] : {std::pair{"deadlines.clone_ms", d.cloneMs}, std::pair{"deadlines.build_ms", d.buildMs},
                           std::pair{"deadlines.start_ms", d.startMs}, std::pair{"deadlines.health_ms", d.healthMs}}) {
        if (v) range(name, *v, 1000, 86400000);
    }
}

std::vector<std::string> normalizeDomains(const std::vector<std::string>& domains) {
    static const std::regex host(
        R"(^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$)");
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (auto d : domains) {
        std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return std::tolower(c); });
        if (d.size() > 253 || !std::regex_match(d, host)) {
            throw ValidationError("domains", "\"" + d + "\" is not a host name (wildcards: *.example.com)");
        }
        if (!seen.insert(d).second) throw ValidationError("domains", "\"" + d + "\" is listed twice");
        out.push_back(d);
    }
    return out;
}

void validateEnvKey(const std::string& key) {
    if (!isVariableName(key)) {
        throw ValidationError("env." + key, "variable names are letters, digits and '_', not starting with a digit");
    }
}

void checkNotDashboardDomain(const std::string& field, const std::string& domain, const AppRules& rules) {
    auto dashboard = rules.dashboardDomain;
    std::transform(dashboard.begin(), dashboard.end(), dashboard.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!dashboard.empty() && domain == dashboard) {
        throw store::ConflictError(field, "\"" + domain + "\" is the dashboard's domain (server.dashboard_domain)");
    }
}

void validateApp(const store::AppRecord& app, const AppRules& rules) {
    validateAppName(app.name);
    validateGitUrl(app.gitUrl, rules.allowLocalRepositories);
    validateBranch(app.branch);
    validatePort(app.port);
    validateBuildType(app.buildType);
    validateRelativePath("dockerfile_path", app.dockerfilePath);
    if (app.dockerfilePath.empty()) throw ValidationError("dockerfile_path", "must not be empty");
    validateRelativePath("base_dir", app.baseDir);
    if (!app.buildTarget.empty()) {
        static const std::regex target("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
        if (!std::regex_match(app.buildTarget, target)) throw ValidationError("build_target", "must be a stage name");
    }
    validateHealthCheck(app.healthcheck);
    validateLimits(app);
    for (const auto& d : app.domains) checkNotDashboardDomain("domains", d, rules);
}

}  // namespace rivetr::api
