// The typed configuration every module reads; the key table in config_schema.cpp is its single source of truth.
#pragma once

#include <cstdint>
#include <string>

namespace rivetr {

struct ServerConfig {
    std::string host = "0.0.0.0";
    std::string api_host = "127.0.0.1";
    std::int64_t api_port = 8080;
    std::int64_t proxy_port = 80;
    std::int64_t proxy_https_port = 443;
    std::string data_dir = "./data";
    std::string dashboard_domain;
    std::string base_domain;  // apps created without a domain get "<name>.<base_domain>"; empty: off
    std::string public_url;   // where git providers reach Rivetr (webhook URLs); empty: the dashboard's origin
    std::string dashboard_dir;  // built dashboard assets; empty: beside the binary, then the source tree
    std::int64_t api_max_body_bytes = 4 * 1024 * 1024;   // control API request bodies (413 beyond)
    std::int64_t webhook_max_body_bytes = 1024 * 1024;   // POST /webhooks/* bodies (413 beyond)
    std::int64_t api_header_timeout_ms = 10000;          // a request's line and headers must arrive within
    std::int64_t api_body_timeout_ms = 30000;            // the whole request must arrive within
};

struct AuthConfig {
    std::string admin_token;
    std::string encryption_key;
    std::string webhook_secret;  // accepted for every app besides its own; empty: only the app's
    std::int64_t password_memory_kib = 65536;  // Argon2id cost
    std::int64_t password_iterations = 3;
    std::int64_t session_lifetime_hours = 168;
    std::int64_t session_idle_minutes = 1440;
    std::int64_t rate_limit_per_minute = 1200;            // per token or user; 0 turns limits off
    std::int64_t anonymous_rate_limit_per_minute = 600;   // per client address
    std::int64_t failed_auth_per_minute = 10;             // wrong passwords/tokens/codes per address
};

struct RuntimeConfig {
    std::string runtime_type = "auto";
    std::string docker_socket = "/var/run/docker.sock";
    std::string podman_socket = "/run/podman/podman.sock";
    std::string tcp_url;  // remote engine, e.g. https://10.0.0.5:2376 (wins over the sockets)
    std::string tls_ca_cert, tls_client_cert, tls_client_key;
    std::int64_t max_concurrent_deployments = 2;
    std::int64_t keep_images = 5;             // per app, for instant rollback (the live one always stays)
    std::int64_t keep_deployment_logs = 20;   // per app: older deployments keep their record, not their log
    std::int64_t min_free_disk_mb = 2048;     // below this, only live and rollback images stay; 0: off
    std::string host_port_range = "20000-29999";  // where app containers are published on 127.0.0.1
};

// The Docker manager (containers of every host, not only Rivetr's apps).
struct DockerConfig {
    // Comma-separated host directories non-admins may bind-mount into containers they create; empty:
    // none (named volumes only). Admins may bind anything; nobody but an admin mounts the socket.
    std::string allowed_bind_roots;
    // Container lists answered from each host's event-fed cache while its event stream is open.
    bool list_cache = true;
    // The terminal: a shell in a running container from the dashboard (terminal/).
    bool terminal_enabled = true;                      // false: every terminal request is a 403
    std::int64_t terminal_idle_timeout_ms = 900000;    // no keystroke for 15 min: the terminal closes
    std::int64_t terminal_max_sessions_per_user = 3;   // open at once; a 429 beyond
    // How often the running server finishes or rolls back the container edits a failed rollback (or
    // a crash) left journaled; the pass also runs once at start-up, before the API answers.
    std::int64_t edit_recovery_interval_s = 60;
    // Volume backups written on the server (GET /api/volumes/{name}/backup?to=server); empty: data_dir/volume-backups.
    std::string volume_backup_dir;
    // The statically linked busybox Rivetr builds its volume helper image from (FROM scratch).
    std::string volume_helper_busybox = "/bin/busybox";
};

struct ProxyConfig {
    bool acme_enabled = false;
    std::string acme_email;
    std::string acme_directory = "https://acme-v02.api.letsencrypt.org/directory";
    std::string acme_ca_bundle;
    std::int64_t workers = 0;  // 0: one per core
    std::int64_t max_body_mb = 1024;
    std::int64_t request_timeout_ms = 60000;
    std::int64_t drain_timeout_ms = 30000;
};

struct GitConfig {
    bool allow_local_repositories = false;
    std::string extra_ca_file;
};

struct BuildConfig {
    std::string static_base_image = "busybox:stable";
    std::string pack_builder = "paketobuildpacks/builder-jammy-base";
};

// Remote container hosts an admin adds (tcp+TLS or ssh) beside the local engine.
struct HostsConfig {
    std::int64_t connect_timeout_ms = 3000;  // the longest a request waits for one remote host
    std::int64_t refresh_interval_s = 30;    // how often every host's state is checked in the background
};

struct LoggingConfig {
    std::string level = "info";
};

struct Config {
    ServerConfig server;
    AuthConfig auth;
    RuntimeConfig runtime;
    DockerConfig docker;
    ProxyConfig proxy;
    GitConfig git;
    BuildConfig build;
    HostsConfig hosts;
    LoggingConfig logging;
};

}  // namespace rivetr
