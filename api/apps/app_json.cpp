// Converts apps between their JSON shape (CONTRACT.md) and store records, validating what comes in.
#include "api/apps/app_json.hpp"

#include <algorithm>

#include "api/http/api_errors.hpp"
#include "api/apps/app_validation.hpp"
#include "api/http/json_fields.hpp"
#include "core/clock.hpp"
#include "core/url_userinfo.hpp"

namespace rivetr::api {
namespace {

void applyHealthCheck(const nlohmann::json& j, store::HealthCheckSpec& h) {
    JsonFields f(j, {"type", "path", "interval_ms", "timeout_ms", "retries", "start_period_ms"}, "healthcheck.");
    if (auto v = f.string("type")) h.type = *v;
    if (auto v = f.string("path")) h.path = *v;
    if (auto v = f.integer("interval_ms")) h.intervalMs = *v;
    if (auto v = f.integer("timeout_ms")) h.timeoutMs = *v;
    if (auto v = f.integer("retries")) h.retries = *v;
    if (auto v = f.integer("start_period_ms")) h.startPeriodMs = *v;
}

void applyResources(const nlohmann::json& j, store::AppRecord& app) {
    JsonFields f(j, {"memory_limit_bytes", "cpu_limit_millis"}, "resources.");
    if (f.isNull("memory_limit_bytes")) app.memoryLimitBytes.reset();
    if (auto v = f.integer("memory_limit_bytes")) app.memoryLimitBytes = *v;
    if (f.isNull("cpu_limit_millis")) app.cpuLimitMillis.reset();
    if (auto v = f.integer("cpu_limit_millis")) app.cpuLimitMillis = *v;
}

// Per-app stage deadlines; null clears an override back to the engine default.
void applyDeadlines(const nlohmann::json& j, store::StageDeadlines& d) {
    JsonFields f(j, {"clone_ms", "build_ms", "start_ms", "health_ms"}, "deadlines.");
    for (auto [name, field] : {std::pair{"clone_ms", &d.cloneMs}, std::pair{"build_ms", &d.buildMs},
                               std::pair{"start_ms", &d.startMs}, std::pair{"health_ms", &d.healthMs}}) {
        if (f.isNull(name)) field->reset();
        if (auto v = f.integer(name)) *field = *v;
    }
}

nlohmann::json optional(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

std::vector<std::string> domainList(const nlohmann::json& arr) {
    std::vector<std::string> out;
    for (const auto& d : arr) {
        if (!d.is_string()) throw ValidationError("domains", "must be an array of host names");
        out.push_back(d.get<std::string>());
    }
    return normalizeDomains(out);
}

// "https://host:port" (scp-like: "user@host"): the server a credential is sent to.
std::string serverOf(const std::string& url) {
    auto scheme = url.find("://");
    auto end = scheme == std::string::npos ? url.find(':') : url.find('/', scheme + 3);
    auto server = url.substr(0, end);
    std::transform(server.begin(), server.end(), server.begin(), [](unsigned char c) { return std::tolower(c); });
    return server;
}

UrlCredential credentialField(const nlohmann::json& j) {
    JsonFields f(j, {"username", "password"}, "git_credentials.");
    auto user = f.string("username");
    if (!user || user->empty()) throw ValidationError("git_credentials.username", "is required");
    return UrlCredential{*user, f.string("password").value_or("")};
}

// An app created without a domain under [server] base_domain gets "<name>.<base_domain>": a valid
// host name, as the name is a DNS label. Stored as an ordinary domain, so the proxy routes it and
// ACME orders its certificate like any other; the record remembers it was generated.
void giveGeneratedDomain(store::AppRecord& app, const AppRules& rules) {
    if (rules.baseDomain.empty() || !app.domains.empty()) return;
    validateAppName(app.name);  // before it becomes part of a host name
    app.domains = normalizeDomains({app.name + "." + rules.baseDomain});
    app.generatedDomain = app.domains.front();
}

}  // namespace

// A credential leaves git_url before anything is stored. A URL moved to another server loses the
// stored credential unless the request gives one: a developer may change the URL but must not be
// able to send the credential (which nobody can read back) to a server of their choosing.
void applyGitSource(const JsonFields& f, store::AppRecord& app) {
    std::optional<UrlCredential> fromUrl;
    if (auto v = f.string("git_url")) {
        auto split = splitUrlCredential(*v);
        if (serverOf(split.url) != serverOf(app.gitUrl)) app.gitCredential.reset();
        app.gitUrl = split.url;
        fromUrl = split.credential;
        if (fromUrl) app.gitCredential = fromUrl;
    }
    bool clear = f.isNull("git_credentials");
    if (!clear && !f.has("git_credentials")) return;
    if (fromUrl) throw ValidationError("git_credentials", "give the credentials in git_url or here, not both");
    if (clear) app.gitCredential.reset();
    else app.gitCredential = credentialField(*f.object("git_credentials"));  // object() throws for a non-object
}

void applyAppJson(const nlohmann::json& body, store::AppRecord& app, bool creating, const AppRules& rules) {
    JsonFields f(body, {"name", "git_url", "git_credentials", "branch", "port", "domains", "build_type",
                        "dockerfile_path", "base_dir", "build_target", "healthcheck", "resources", "deadlines", "auto_deploy"});
    if (creating) {
        for (const char* required : {"name", "git_url", "port"}) {
            if (!f.has(required)) throw ValidationError(required, "is required");
        }
    }
    if (auto v = f.string("name")) app.name = *v;
    applyGitSource(f, app);
    if (auto v = f.string("branch")) app.branch = *v;
    if (auto v = f.integer("port")) app.port = *v;
    if (auto v = f.string("build_type")) app.buildType = *v;
    if (auto v = f.string("dockerfile_path")) app.dockerfilePath = *v;
    if (auto v = f.string("base_dir")) app.baseDir = *v;
    if (auto v = f.string("build_target")) app.buildTarget = *v;
    if (auto v = f.boolean("auto_deploy")) app.autoDeploy = *v;
    if (const auto* d = f.array("domains")) app.domains = domainList(*d);
    if (const auto* h = f.object("healthcheck")) applyHealthCheck(*h, app.healthcheck);
    if (const auto* r = f.object("resources")) applyResources(*r, app);
    if (const auto* d = f.object("deadlines")) applyDeadlines(*d, app.deadlines);
    if (creating) giveGeneratedDomain(app, rules);
    validateApp(app, rules);
}

namespace {

// What its live container is doing: "stopped" (by its user), "none" (never deployed), or what the
// engine last saw ("running", "crashed", "restarting"). Before the engine reported anything the
// live container is taken to run, as it was routed at start-up.
nlohmann::json liveToJson(const store::AppRecord& a) {
    const auto& c = a.condition;
    std::string state = a.stopped ? "stopped" : !a.liveDeploymentId ? "none" : c.state.empty() ? "running" : c.state;
    return {{"state", state},
            {"reason", c.reason},
            {"exit_code", optional(c.exitCode)},
            {"last_output", c.lastOutput},
            {"restarts", c.restarts},
            {"since", optional(c.sinceMs)}};
}

}  // namespace

nlohmann::json appToJson(const store::AppRecord& a, bool withSecret) {
    const auto& h = a.healthcheck;
    nlohmann::json j{
        {"id", a.id},
        {"name", a.name},
        {"git_url", redactUrlCredentials(a.gitUrl)},  // split on the way in; belt and braces
        {"has_git_credentials", a.gitCredential.has_value()},
        {"branch", a.branch},
        {"port", a.port},
        {"domains", a.domains},
        {"generated_domain", a.generatedDomain.empty() ? nlohmann::json() : nlohmann::json(a.generatedDomain)},
        {"build_type", a.buildType},
        {"dockerfile_path", a.dockerfilePath},
        {"base_dir", a.baseDir},
        {"build_target", a.buildTarget},
        {"healthcheck",
         {{"type", h.type},
          {"path", h.path},
          {"interval_ms", h.intervalMs},
          {"timeout_ms", h.timeoutMs},
          {"retries", h.retries},
          {"start_period_ms", h.startPeriodMs}}},
        {"resources",
         {{"memory_limit_bytes", a.memoryLimitBytes ? nlohmann::json(*a.memoryLimitBytes) : nlohmann::json()},
          {"cpu_limit_millis", a.cpuLimitMillis ? nlohmann::json(*a.cpuLimitMillis) : nlohmann::json()}}},
        {"deadlines",
         {{"clone_ms", optional(a.deadlines.cloneMs)},
          {"build_ms", optional(a.deadlines.buildMs)},
          {"start_ms", optional(a.deadlines.startMs)},
          {"health_ms", optional(a.deadlines.healthMs)}}},
        {"auto_deploy", a.autoDeploy},
        {"stopped", a.stopped},
        {"live_deployment_id", a.liveDeploymentId ? nlohmann::json(*a.liveDeploymentId) : nlohmann::json()},
        {"live", liveToJson(a)},
        {"created_at", formatRfc3339(a.createdAt)},
        {"updated_at", formatRfc3339(a.updatedAt)},
    };
    if (withSecret) j["webhook_secret"] = a.webhookSecret;
    return j;
}

}  // namespace rivetr::api
