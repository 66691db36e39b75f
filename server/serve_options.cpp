// The configuration turned into each module's options: one mapping per module, read in one place.
#include "server/serve_options.hpp"

#include <algorithm>
#include <filesystem>

#include "core/port_range.hpp"

namespace rivetr::server {

namespace fs = std::filesystem;

runtime::RuntimeOptions runtimeOptions(const Config& cfg) {
    runtime::RuntimeOptions o;
    o.runtimeType = cfg.runtime.runtime_type;
    o.dockerSocket = cfg.runtime.docker_socket;
    o.podmanSocket = cfg.runtime.podman_socket;
    o.tcpUrl = cfg.runtime.tcp_url;
    o.tlsCaCert = cfg.runtime.tls_ca_cert;
    o.tlsClientCert = cfg.runtime.tls_client_cert;
    o.tlsClientKey = cfg.runtime.tls_client_key;
    return o;
}

hosts::RemoteHostOptions remoteHostOptions(const Config& cfg) {
    hosts::RemoteHostOptions o;
    o.dataDir = cfg.server.data_dir;
    o.connectTimeout = std::chrono::milliseconds(cfg.hosts.connect_timeout_ms);
    return o;
}

proxy::ProxyOptions proxyOptions(const Config& cfg) {
    proxy::ProxyOptions o;
    o.host = cfg.server.host;
    o.httpPort = static_cast<std::uint16_t>(cfg.server.proxy_port);
    o.httpsPort = static_cast<std::uint16_t>(cfg.server.proxy_https_port);
    o.httpsEnabled = cfg.proxy.acme_enabled;
    o.workers = static_cast<unsigned>(cfg.proxy.workers);
    o.maxBodyBytes = static_cast<std::uint64_t>(cfg.proxy.max_body_mb) * 1024 * 1024;
    o.requestTimeout = std::chrono::milliseconds(cfg.proxy.request_timeout_ms);
    o.drainTimeout = std::chrono::milliseconds(cfg.proxy.drain_timeout_ms);
    return o;
}

engine::EngineOptions engineOptions(const Config& cfg) {
    engine::EngineOptions o;
    o.dataDir = cfg.server.data_dir;
    o.maxConcurrentDeployments = static_cast<int>(cfg.runtime.max_concurrent_deployments);
    o.keepImages = static_cast<int>(cfg.runtime.keep_images);
    o.keepDeploymentLogs = static_cast<int>(cfg.runtime.keep_deployment_logs);
    o.minFreeDiskBytes = static_cast<std::uint64_t>(cfg.runtime.min_free_disk_mb) * 1024 * 1024;
    o.hostPorts = parsePortRange(cfg.runtime.host_port_range);  // checked when the config was loaded
    return o;
}

terminal::TerminalOptions terminalOptions(const Config& cfg) {
    terminal::TerminalOptions o;
    o.enabled = cfg.docker.terminal_enabled;
    o.idleTimeout = std::chrono::milliseconds(cfg.docker.terminal_idle_timeout_ms);
    o.maxSessionsPerUser = static_cast<int>(cfg.docker.terminal_max_sessions_per_user);
    return o;
}

api::VolumeContentSettings volumeContentSettings(const Config& cfg) {
    std::filesystem::path data = cfg.server.data_dir;
    api::VolumeContentSettings s;
    s.busybox = cfg.docker.volume_helper_busybox;
    s.backupDir = cfg.docker.volume_backup_dir.empty() ? data / "volume-backups" : std::filesystem::path(cfg.docker.volume_backup_dir);
    s.scratchDir = data / "tmp";
    return s;
}

api::ApiOptions apiOptions(const Config& cfg) {
    api::ApiOptions o;
    o.host = cfg.server.api_host;
    o.port = static_cast<int>(cfg.server.api_port);
    o.bodyLimits = {static_cast<std::size_t>(cfg.server.api_max_body_bytes),
                    {{"/webhooks/", static_cast<std::size_t>(cfg.server.webhook_max_body_bytes)}},
                    api::ApiOptions{}.bodyLimits.streamedBodies};
    o.headerTimeout = std::chrono::milliseconds(cfg.server.api_header_timeout_ms);
    o.bodyTimeout = std::chrono::milliseconds(cfg.server.api_body_timeout_ms);
    return o;
}

std::string selfUrl(const Config& cfg) {
    auto host = cfg.server.api_host;
    if (host == "0.0.0.0" || host.empty()) host = "127.0.0.1";
    if (host == "::") host = "::1";
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(cfg.server.api_port);
}

proxy::CertManagerOptions acmeOptions(const Config& cfg) {
    proxy::CertManagerOptions o;
    o.dir = fs::path(cfg.server.data_dir) / "certs";
    o.acme.directoryUrl = cfg.proxy.acme_directory;
    o.acme.email = cfg.proxy.acme_email;
    o.acme.caBundle = cfg.proxy.acme_ca_bundle;
    return o;
}

api::AuthOptions authOptions(const Config& cfg) {
    api::AuthOptions o;
    o.passwordCost.memoryKiB = static_cast<std::uint32_t>(cfg.auth.password_memory_kib);
    o.passwordCost.iterations = static_cast<std::uint32_t>(cfg.auth.password_iterations);
    o.sessions.lifetimeMs = cfg.auth.session_lifetime_hours * 3600 * 1000;
    o.sessions.idleTimeoutMs = cfg.auth.session_idle_minutes * 60 * 1000;
    auto& r = o.rateLimit;
    r.enabled = cfg.auth.rate_limit_per_minute > 0;
    r.principalPerMinute = static_cast<double>(cfg.auth.rate_limit_per_minute);
    r.principalBurst = std::max(1.0, r.principalPerMinute / 2);
    r.anonymousPerMinute = static_cast<double>(cfg.auth.anonymous_rate_limit_per_minute);
    r.anonymousBurst = std::max(1.0, r.anonymousPerMinute / 2);
    r.failedAuthPerMinute = static_cast<double>(cfg.auth.failed_auth_per_minute);
    r.failedAuthBurst = r.failedAuthPerMinute;  // a typo or two must not lock a user out for a minute
    return o;
}

git::SourceOptions sourceOptions(const Config& cfg) {
    git::SourceOptions o;
    o.dataDir = cfg.server.data_dir;
    o.allowLocalRepositories = cfg.git.allow_local_repositories;
    o.extraCaFile = cfg.git.extra_ca_file;
    return o;
}

builders::BuildersOptions buildersOptions(const Config& cfg) {
    builders::BuildersOptions o;
    o.cli.secretsDir = std::filesystem::path(cfg.server.data_dir) / "build-secrets";
    o.cli.packBuilder = cfg.build.pack_builder;
    o.staticSite.baseImage = cfg.build.static_base_image;
    return o;
}

}  // namespace rivetr::server
