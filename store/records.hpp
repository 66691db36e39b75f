// Plain records the repositories read and write: the store's vocabulary shared with api/ and engine/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/url_userinfo.hpp"

namespace rivetr::store {

struct HealthCheckSpec {
    std::string type = "http";  // http | tcp
    std::string path = "/";
    std::int64_t intervalMs = 1000;
    std::int64_t timeoutMs = 2000;
    std::int64_t retries = 30;
    std::int64_t startPeriodMs = 0;
};

// Per-app overrides of the engine's stage deadlines in milliseconds; unset = the engine default.
struct StageDeadlines {
    std::optional<std::int64_t> cloneMs;
    std::optional<std::int64_t> buildMs;
    std::optional<std::int64_t> startMs;
    std::optional<std::int64_t> healthMs;
};

// What the engine last saw of an app's live container, for the API and the dashboard. `state` is
// "running", "crashed" (it died or turned unhealthy; Rivetr restarts it with back-off),
// "restarting" (a restart is under way) or "" (nothing observed yet).
struct LiveCondition {
    std::string state;
    std::string reason;                // "exited with code 137", what the last restart attempt found
    std::optional<std::int64_t> exitCode;
    std::string lastOutput;            // the container's last log lines when it died
    std::int64_t restarts = 0;         // automatic restarts since it last ran steadily
    std::optional<std::int64_t> sinceMs;  // when it entered `state`
};

struct AppRecord {
    std::string id;
    std::string name;
    std::string gitUrl;
    std::string branch = "main";
    std::int64_t port = 3000;
    std::string buildType = "auto";
    std::string dockerfilePath = "Dockerfile";
    std::string baseDir;
    std::string buildTarget;
    HealthCheckSpec healthcheck;
    std::optional<std::int64_t> memoryLimitBytes;
    std::optional<std::int64_t> cpuLimitMillis;
    StageDeadlines deadlines;
    std::string webhookSecret;  // plaintext in memory; encrypted in the database
    // What the git server asks for (HTTPS basic auth), split off git_url so the URL can be shown:
    // plaintext in memory, encrypted in the database, never in an API answer.
    std::optional<UrlCredential> gitCredential;
    std::vector<std::string> domains;
    // The one of `domains` given from [server] base_domain because the app was created without
    // any; empty when none is (a PUT that drops it from `domains` drops it here too).
    std::string generatedDomain;
    // The engine's state, read with the settings but written only by the engine
    // (AppStateRepository); AppRepository ignores these fields when it writes.
    std::optional<std::string> liveDeploymentId;
    // A verified push to the branch deploys it. Off: webhook deliveries are verified and recorded as
    // "ignored (auto-deploy is off)", and only a user's deploy ships.
    bool autoDeploy = true;
    bool stopped = false;  // stopped by its user: parked (503) until started or deployed again
    LiveCondition condition;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
};

struct EnvVar {
    std::string key;
    std::string value;  // plaintext in memory only
    bool secret = false;
    bool buildTime = false;
    std::int64_t updatedAt = 0;
};

enum class Role { viewer = 1, developer = 2, admin = 3 };

const char* roleName(Role r);
std::optional<Role> parseRole(std::string_view s);

struct ApiTokenRecord {
    std::string id;
    std::string name;
    std::string prefix;  // first characters of the token, to recognise it in a list
    Role role = Role::viewer;
    std::optional<std::string> userId;     // the owning user; disabling or deleting them revokes the token
    std::optional<std::string> ownerType;  // "user" | "admin_token"; none for tokens older than owners
    std::optional<std::string> ownerName;  // the owning user's name (read with a join, not stored)
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> expiresAt;
    std::optional<std::int64_t> lastUsedAt;
    std::optional<std::int64_t> revokedAt;
};

struct AuditEntry {
    std::int64_t id = 0;
    std::int64_t ts = 0;
    std::string actorType;  // admin_token | user | token | webhook | system
    std::string actor;
    std::string action;  // e.g. "app.create"
    std::string targetType;
    std::string targetId;
    std::string details;  // JSON text
    std::string requestId;
    std::string ip;
};

}  // namespace rivetr::store
