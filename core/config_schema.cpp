// The table of every configuration key: adding a key here gives it TOML parsing, an env override and validation.
#include "core/config_schema.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include "core/bind_root.hpp"
#include "core/comma_list.hpp"
#include "core/port_range.hpp"
#include "core/public_url.hpp"

namespace rivetr {
namespace {

using Check = std::optional<std::string>;

Check port(std::int64_t value) {
    if (value < 1 || value > 65535) {
        return "must be a port between 1 and 65535 (got " + std::to_string(value) + ")";
    }
    return std::nullopt;
}

Check oneOf(const std::string& value, std::initializer_list<std::string_view> allowed) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return std::nullopt;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return "must be one of " + list + " (got \"" + value + "\")";
}

Check ipAddress(const std::string& value) {
    static const std::regex v4(R"(^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$)");
    std::smatch m;
    if (std::regex_match(value, m, v4)) {
        for (int i = 1; i <= 4; ++i) {
            if (std::stoi(m[i]) > 255) return "must be an IPv4 or IPv6 address (got \"" + value + "\")";
        }
        return std::nullopt;
    }
    static const std::regex v6(R"(^[0-9A-Fa-f:]+$)");
    if (value.find(':') != std::string::npos && std::regex_match(value, v6)) return std::nullopt;
    return "must be an IPv4 or IPv6 address (got \"" + value + "\")";
}

Check intRange(std::int64_t v, std::int64_t lo, std::int64_t hi) {
    if (v < lo || v > hi) {
        return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + " (got " + std::to_string(v) + ")";
    }
    return std::nullopt;
}

Check nonEmpty(const std::string& value) {
    if (value.empty()) return "must not be empty";
    return std::nullopt;
}

// A file or directory given as an absolute path; `emptyOk`: empty means the documented default.
Check absolutePath(const std::string& value, bool emptyOk) {
    if (value.empty()) return emptyOk ? std::nullopt : Check("must not be empty");
    if (value[0] != '/') return "must be an absolute path (got \"" + value + "\")";
    return std::nullopt;
}

// "/srv/data, /mnt/media": the rule an admin's saved list meets too (core/bind_root). A root holding the
// Docker socket is not refused here (that needs the engine's settings): the create policy refuses a
// non-admin's bind of the socket whatever the roots say.
Check bindRoots(const std::string& value) {
    if (auto why = invalidBindRootList(splitCommaList(value))) return "must be comma-separated bind roots: " + *why;
    return std::nullopt;
}

Check hostnameOrEmpty(const std::string& value) {
    if (value.empty()) return std::nullopt;
    static const std::regex host(
        R"(^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$)");
    if (value.size() > 253 || !std::regex_match(value, host)) {
        return "must be a DNS host name such as rivetr.example.com (got \"" + value + "\")";
    }
    return std::nullopt;
}

Check httpsUrl(const std::string& value) {
    if (value.rfind("https://", 0) != 0 || value.size() <= 8) {
        return "must be an https:// URL (got \"" + value + "\")";
    }
    return std::nullopt;
}

Check encryptionKey(const std::string& value) {
    if (value.empty()) return std::nullopt;
    static const std::regex hex64("^[0-9A-Fa-f]{64}$");
    if (!std::regex_match(value, hex64)) {
        return "must be 64 hexadecimal characters (a 256-bit AES key), or empty to generate one";
    }
    return std::nullopt;
}

Check adminToken(const std::string& value) {
    if (!value.empty() && value.size() < 24) {
        return "must be at least 24 characters, or empty to generate one";
    }
    return std::nullopt;
}

// Webhook secrets are pasted into git providers; a short one could be guessed offline from one signature.
Check webhookSecret(const std::string& value) {
    if (value.empty()) return std::nullopt;
    if (value.size() < 16) return "must be at least 16 characters, or empty to accept only each app's own";
    for (char ch : value) {
        if (ch <= ' ' || ch > '~') return "must be printable ASCII without spaces";
    }
    return std::nullopt;
}

const std::array<ConfigKey, 59> kKeys{{
    {"server", "host", [](Config& c) -> ConfigField { return &c.server.host; },
     [](const Config& c) { return ipAddress(c.server.host); }, "Address the proxy binds (HTTP and HTTPS)."},
    {"server", "api_host", [](Config& c) -> ConfigField { return &c.server.api_host; },
     [](const Config& c) { return ipAddress(c.server.api_host); },
     "Address the control API binds. Keep it on loopback: the proxy publishes it on dashboard_domain."},
    {"server", "api_port", [](Config& c) -> ConfigField { return &c.server.api_port; },
     [](const Config& c) { return port(c.server.api_port); }, "Port of the control API."},
    {"server", "proxy_port", [](Config& c) -> ConfigField { return &c.server.proxy_port; },
     [](const Config& c) { return port(c.server.proxy_port); }, "Port of the proxy's plain HTTP listener."},
    {"server", "proxy_https_port", [](Config& c) -> ConfigField { return &c.server.proxy_https_port; },
     [](const Config& c) { return port(c.server.proxy_https_port); }, "Port of the proxy's HTTPS listener."},
    {"server", "data_dir", [](Config& c) -> ConfigField { return &c.server.data_dir; },
     [](const Config& c) { return nonEmpty(c.server.data_dir); },
     "Directory for the SQLite database, keys, certificates and git caches."},
    {"server", "dashboard_domain", [](Config& c) -> ConfigField { return &c.server.dashboard_domain; },
     [](const Config& c) { return hostnameOrEmpty(c.server.dashboard_domain); },
     "When set, the proxy serves the dashboard and API on this host name."},
    {"server", "base_domain", [](Config& c) -> ConfigField { return &c.server.base_domain; },
     [](const Config& c) { return hostnameOrEmpty(c.server.base_domain); },
     "Wildcard base for apps created without a domain: they get <app>.<base_domain> (e.g. 203.0.113.7.sslip.io). "
     "Empty: off."},
    {"server", "public_url", [](Config& c) -> ConfigField { return &c.server.public_url; },
     [](const Config& c) { return checkPublicUrl(c.server.public_url); },
     "The URL git providers reach Rivetr at (e.g. https://paas.example.com): webhook payload URLs are built on it. "
     "Empty: the address the dashboard was opened at."},
    {"server", "dashboard_dir", [](Config& c) -> ConfigField { return &c.server.dashboard_dir; },
     [](const Config&) -> Check { return std::nullopt; },
     "Directory of the built dashboard. Empty: share/rivetr/dashboard beside the binary, then frontend/dist."},
    {"server", "api_max_body_bytes", [](Config& c) -> ConfigField { return &c.server.api_max_body_bytes; },
     [](const Config& c) { return intRange(c.server.api_max_body_bytes, 1024, 1073741824); },
     "Largest request body the control API accepts; larger ones get 413 from their headers, unread."},
    {"server", "webhook_max_body_bytes", [](Config& c) -> ConfigField { return &c.server.webhook_max_body_bytes; },
     [](const Config& c) { return intRange(c.server.webhook_max_body_bytes, 1024, 1073741824); },
     "Largest webhook payload (POST /webhooks/*) accepted; larger ones get 413 from their headers, unread."},
    {"server", "api_header_timeout_ms", [](Config& c) -> ConfigField { return &c.server.api_header_timeout_ms; },
     [](const Config& c) { return intRange(c.server.api_header_timeout_ms, 1000, 3600000); },
     "A control API request's line and headers must arrive within this (408 and closed otherwise)."},
    {"server", "api_body_timeout_ms", [](Config& c) -> ConfigField { return &c.server.api_body_timeout_ms; },
     [](const Config& c) { return intRange(c.server.api_body_timeout_ms, 1000, 3600000); },
     "A whole control API request, head and body, must arrive within this (408 and closed otherwise)."},
    {"auth", "password_memory_kib", [](Config& c) -> ConfigField { return &c.auth.password_memory_kib; },
     [](const Config& c) { return intRange(c.auth.password_memory_kib, 8192, 1048576); },
     "Argon2id memory cost per password hash in KiB (each concurrent login uses this much)."},
    {"auth", "password_iterations", [](Config& c) -> ConfigField { return &c.auth.password_iterations; },
     [](const Config& c) { return intRange(c.auth.password_iterations, 1, 10); }, "Argon2id passes per password hash."},
    {"auth", "session_lifetime_hours", [](Config& c) -> ConfigField { return &c.auth.session_lifetime_hours; },
     [](const Config& c) { return intRange(c.auth.session_lifetime_hours, 1, 8760); },
     "A dashboard session ends this long after login, however active."},
    {"auth", "session_idle_minutes", [](Config& c) -> ConfigField { return &c.auth.session_idle_minutes; },
     [](const Config& c) { return intRange(c.auth.session_idle_minutes, 5, 525600); },
     "A dashboard session unused this long ends."},
    {"auth", "rate_limit_per_minute", [](Config& c) -> ConfigField { return &c.auth.rate_limit_per_minute; },
     [](const Config& c) { return intRange(c.auth.rate_limit_per_minute, 0, 1000000); },
     "API requests per minute per token or user (bursts of half that); 0 turns rate limiting off."},
    {"auth", "anonymous_rate_limit_per_minute",
     [](Config& c) -> ConfigField { return &c.auth.anonymous_rate_limit_per_minute; },
     [](const Config& c) { return intRange(c.auth.anonymous_rate_limit_per_minute, 1, 1000000); },
     "Unauthenticated requests per minute per client address (webhooks, health, dashboard assets)."},
    {"auth", "failed_auth_per_minute", [](Config& c) -> ConfigField { return &c.auth.failed_auth_per_minute; },
     [](const Config& c) { return intRange(c.auth.failed_auth_per_minute, 1, 10000); },
     "Failed logins, tokens or TOTP codes per minute per client address before 429."},
    {"auth", "admin_token", [](Config& c) -> ConfigField { return &c.auth.admin_token; },
     [](const Config& c) { return adminToken(c.auth.admin_token); },
     "Bearer token with the admin role. Empty: generated on first start into data_dir/admin_token (0600)."},
    {"auth", "encryption_key", [](Config& c) -> ConfigField { return &c.auth.encryption_key; },
     [](const Config& c) { return encryptionKey(c.auth.encryption_key); },
     "AES-256-GCM key (64 hex characters) for secrets at rest. Empty: generated into data_dir/secret.key (0600)."},
    {"auth", "webhook_secret", [](Config& c) -> ConfigField { return &c.auth.webhook_secret; },
     [](const Config& c) { return webhookSecret(c.auth.webhook_secret); },
     "A webhook secret every app accepts besides its own (one secret for a whole organisation). Empty: only the app's."},
    {"runtime", "runtime_type", [](Config& c) -> ConfigField { return &c.runtime.runtime_type; },
     [](const Config& c) { return oneOf(c.runtime.runtime_type, {"auto", "docker", "podman"}); },
     "Container engine: auto (the Docker socket, then Podman's), docker or podman."},
    {"runtime", "docker_socket", [](Config& c) -> ConfigField { return &c.runtime.docker_socket; },
     [](const Config& c) { return nonEmpty(c.runtime.docker_socket); }, "Path of the Docker Engine API socket."},
    {"runtime", "podman_socket", [](Config& c) -> ConfigField { return &c.runtime.podman_socket; },
     [](const Config& c) { return nonEmpty(c.runtime.podman_socket); },
     "Path of Podman's Docker-compatible API socket (podman system service)."},
    {"runtime", "tcp_url", [](Config& c) -> ConfigField { return &c.runtime.tcp_url; },
     [](const Config& c) -> Check {
         const auto& u = c.runtime.tcp_url;
         if (u.empty() || u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0) return std::nullopt;
         return "must be an https:// (or http://) URL of a remote engine (got \"" + u + "\")";
     },
     "Remote engine URL (e.g. https://10.0.0.5:2376); when set it wins over the sockets."},
    {"runtime", "tls_ca_cert", [](Config& c) -> ConfigField { return &c.runtime.tls_ca_cert; },
     [](const Config&) -> Check { return std::nullopt; }, "CA (PEM path) that verifies the remote engine."},
    {"runtime", "tls_client_cert", [](Config& c) -> ConfigField { return &c.runtime.tls_client_cert; },
     [](const Config&) -> Check { return std::nullopt; }, "Client certificate (PEM path) presented to the remote engine."},
    {"runtime", "tls_client_key", [](Config& c) -> ConfigField { return &c.runtime.tls_client_key; },
     [](const Config&) -> Check { return std::nullopt; }, "Key (PEM path) of the client certificate."},
    {"runtime", "keep_images", [](Config& c) -> ConfigField { return &c.runtime.keep_images; },
     [](const Config& c) { return intRange(c.runtime.keep_images, 1, 100); },
     "Images kept per app for instant rollback (the live one always stays)."},
    {"runtime", "keep_deployment_logs", [](Config& c) -> ConfigField { return &c.runtime.keep_deployment_logs; },
     [](const Config& c) { return intRange(c.runtime.keep_deployment_logs, 1, 10000); },
     "Deployments per app whose build logs are kept; older ones keep their record only."},
    {"runtime", "min_free_disk_mb", [](Config& c) -> ConfigField { return &c.runtime.min_free_disk_mb; },
     [](const Config& c) { return intRange(c.runtime.min_free_disk_mb, 0, 10485760); },
     "Below this much free disk under data_dir, only the live and the rollback image of each app stay. 0: off."},
    {"runtime", "host_port_range", [](Config& c) -> ConfigField { return &c.runtime.host_port_range; },
     [](const Config& c) -> Check {
         try {
             parsePortRange(c.runtime.host_port_range);
             return std::nullopt;
         } catch (const std::invalid_argument& e) {
             return std::string(e.what());
         }
     },
     "Host ports (on 127.0.0.1) Rivetr assigns to app containers, FIRST-LAST; keep it below the kernel's "
     "ephemeral range (32768-60999) so a dockerd restart never gives an app's port to anything else."},
    {"runtime", "max_concurrent_deployments",
     [](Config& c) -> ConfigField { return &c.runtime.max_concurrent_deployments; },
     [](const Config& c) -> Check {
         auto v = c.runtime.max_concurrent_deployments;
         if (v < 1 || v > 64) return "must be between 1 and 64 (got " + std::to_string(v) + ")";
         return std::nullopt;
     },
     "Deployments that may run at once across all apps (one at a time per app)."},
    {"docker", "allowed_bind_roots", [](Config& c) -> ConfigField { return &c.docker.allowed_bind_roots; },
     [](const Config& c) { return bindRoots(c.docker.allowed_bind_roots); },
     "Comma-separated host directories non-admins may bind-mount into containers they create (and what is under "
     "them). Empty: none, named volumes only. Admins may bind anything; only admins may mount the Docker socket. "
     "The default: an admin's list saved with PUT /api/docker/policy (rivetr policy set) overrides it."},
    {"proxy", "acme_enabled", [](Config& c) -> ConfigField { return &c.proxy.acme_enabled; },
     [](const Config&) -> Check { return std::nullopt; }, "Obtain and renew certificates with ACME (HTTP-01)."},
    {"proxy", "acme_email", [](Config& c) -> ConfigField { return &c.proxy.acme_email; },
     [](const Config& c) -> Check {
         const auto& e = c.proxy.acme_email;
         if (e.empty()) return std::nullopt;
         static const std::regex mail(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
         if (!std::regex_match(e, mail)) return "must be an e-mail address (got \"" + e + "\")";
         return std::nullopt;
     },
     "Contact address for the ACME account (expiry notices)."},
    {"proxy", "acme_directory", [](Config& c) -> ConfigField { return &c.proxy.acme_directory; },
     [](const Config& c) { return httpsUrl(c.proxy.acme_directory); }, "ACME directory URL."},
    {"proxy", "acme_ca_bundle", [](Config& c) -> ConfigField { return &c.proxy.acme_ca_bundle; },
     [](const Config&) -> Check { return std::nullopt; },
     "Extra CA bundle (PEM) to trust for the ACME directory, e.g. pebble's in tests."},
    {"proxy", "workers", [](Config& c) -> ConfigField { return &c.proxy.workers; },
     [](const Config& c) { return intRange(c.proxy.workers, 0, 256); }, "Proxy threads (one event loop each); 0: one per core."},
    {"proxy", "max_body_mb", [](Config& c) -> ConfigField { return &c.proxy.max_body_mb; },
     [](const Config& c) { return intRange(c.proxy.max_body_mb, 1, 1024 * 1024); },
     "Largest request body the proxy forwards (413 beyond), in MiB."},
    {"proxy", "request_timeout_ms", [](Config& c) -> ConfigField { return &c.proxy.request_timeout_ms; },
     [](const Config& c) { return intRange(c.proxy.request_timeout_ms, 100, 3600000); },
     "How long an app may take to start answering a request before the proxy sends 504."},
    {"proxy", "drain_timeout_ms", [](Config& c) -> ConfigField { return &c.proxy.drain_timeout_ms; },
     [](const Config& c) { return intRange(c.proxy.drain_timeout_ms, 0, 3600000); },
     "How long a replaced version keeps serving its in-flight requests before it is stopped."},
    {"git", "allow_local_repositories", [](Config& c) -> ConfigField { return &c.git.allow_local_repositories; },
     [](const Config&) -> Check { return std::nullopt; },
     "Allow file:// and path git URLs (they can read any repository on this disk): tests and single-user set-ups."},
    {"git", "extra_ca_file", [](Config& c) -> ConfigField { return &c.git.extra_ca_file; },
     [](const Config&) -> Check { return std::nullopt; },
     "PEM file of extra CAs trusted for HTTPS git remotes (a self-hosted Gitea behind a private CA)."},
    {"build", "static_base_image", [](Config& c) -> ConfigField { return &c.build.static_base_image; },
     [](const Config& c) { return nonEmpty(c.build.static_base_image); },
     "Image that serves static sites (it must provide busybox httpd)."},
    {"build", "pack_builder", [](Config& c) -> ConfigField { return &c.build.pack_builder; },
     [](const Config& c) { return nonEmpty(c.build.pack_builder); }, "Builder image for Cloud Native Buildpacks (pack)."},
    {"hosts", "connect_timeout_ms", [](Config& c) -> ConfigField { return &c.hosts.connect_timeout_ms; },
     [](const Config& c) { return intRange(c.hosts.connect_timeout_ms, 100, 60000); },
     "The longest a request waits to reach one remote host; an unreachable host never slows another."},
    {"hosts", "refresh_interval_s", [](Config& c) -> ConfigField { return &c.hosts.refresh_interval_s; },
     [](const Config& c) { return intRange(c.hosts.refresh_interval_s, 5, 3600); },
     "How often every remote host's state (ok / unreachable since …) is checked in the background."},
    {"docker", "edit_recovery_interval_s", [](Config& c) -> ConfigField { return &c.docker.edit_recovery_interval_s; },
     [](const Config& c) { return intRange(c.docker.edit_recovery_interval_s, 1, 3600); },
     "How often the running server finishes or rolls back a container edit whose rollback failed (the engine was "
     "unreachable); the same pass runs at start-up for edits a crash interrupted."},
    {"docker", "list_cache", [](Config& c) -> ConfigField { return &c.docker.list_cache; },
     [](const Config&) -> Check { return std::nullopt; },
     "Container lists from a per-host cache kept current by the engine's events; false: every list asks the engine."},
    {"docker", "terminal_enabled", [](Config& c) -> ConfigField { return &c.docker.terminal_enabled; },
     [](const Config&) -> Check { return std::nullopt; },
     "The dashboard's terminal into running containers (admins only); false: refused with a 403."},
    {"docker", "terminal_idle_timeout_ms", [](Config& c) -> ConfigField { return &c.docker.terminal_idle_timeout_ms; },
     [](const Config& c) { return intRange(c.docker.terminal_idle_timeout_ms, 1000, 24 * 3600000LL); },
     "A terminal with no keystroke for this long is closed and its shell ended."},
    {"docker", "terminal_max_sessions_per_user", [](Config& c) -> ConfigField { return &c.docker.terminal_max_sessions_per_user; },
     [](const Config& c) { return intRange(c.docker.terminal_max_sessions_per_user, 1, 100); },
     "Terminals one user may have open at once (429 beyond)."},
    {"docker", "volume_backup_dir", [](Config& c) -> ConfigField { return &c.docker.volume_backup_dir; },
     [](const Config& c) { return absolutePath(c.docker.volume_backup_dir, true); },
     "Where volume backups kept on the server are written (backup ?to=server); empty: <data_dir>/volume-backups."},
    {"docker", "volume_helper_busybox", [](Config& c) -> ConfigField { return &c.docker.volume_helper_busybox; },
     [](const Config& c) { return absolutePath(c.docker.volume_helper_busybox, false); },
     "The static busybox the volume browser's helper image is built from (Debian: busybox-static)."},
    {"logging", "level", [](Config& c) -> ConfigField { return &c.logging.level; },
     [](const Config& c) { return oneOf(c.logging.level, {"trace", "debug", "info", "warn", "error", "off"}); },
     "Log level."},
}};

}  // namespace

std::span<const ConfigKey> configKeys() { return kKeys; }

const ConfigKey* findConfigKey(std::string_view section, std::string_view name) {
    for (const auto& k : kKeys) {
        if (k.section == section && k.name == name) return &k;
    }
    return nullptr;
}

std::string qualifiedName(const ConfigKey& key) {
    return std::string(key.section) + "." + std::string(key.name);
}

}  // namespace rivetr
