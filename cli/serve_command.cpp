// `rivetr serve`: loads config and secrets, opens the store, starts proxy, engine and API, stops cleanly on SIGTERM.
#include <malloc.h>
#include <signal.h>

#include <algorithm>
#include <atomic>

#include <iostream>
#include <stop_token>
#include <thread>

#include "api/api_server.hpp"
#include "api/cached_probe.hpp"
#include "api/dashboard_assets.hpp"
#include "api/route_table.hpp"
#include "builders/registry.hpp"
#include "cli/args.hpp"
#include "cli/command_registry.hpp"
#include "cli/commands.hpp"
#include "cli/external_routes_link.hpp"
#include "cli/runtime_link.hpp"
#include "core/clock.hpp"
#include "core/config_loader.hpp"
#include "core/data_dir_probe.hpp"
#include "core/git/source.hpp"
#include "core/log.hpp"
#include "core/proxy_mark.hpp"
#include "core/public_url.hpp"
#include "core/secrets.hpp"
#include "engine/engine.hpp"
#include "engine/proxy_traffic.hpp"
#include "proxy/proxy.hpp"
#include "store/git_credential_store.hpp"
#include "store/store.hpp"

namespace rivetr::cli {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// Blocked before any thread starts, so every thread inherits the mask and only sigwait() sees them.
sigset_t blockShutdownSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    return set;
}

std::optional<Config> loadOrReport(const Args& args) {
    std::optional<fs::path> path;
    if (auto p = args.option("config")) path = *p;
    auto load = loadConfig(path, currentEnvironment());
    if (load.ok()) return load.config;
    std::cerr << "rivetr: the configuration is invalid:\n";
    for (const auto& p : load.problems) std::cerr << "  " << formatProblem(p) << "\n";
    return std::nullopt;
}

// The token is printed once, on the start that created it; it is never written to the log.
void announceAdminToken(const InstanceSecrets& s, const Config& cfg) {
    if (!s.adminTokenCreated) return;
    std::cout << "Admin token (shown once; also stored in " << (fs::path(cfg.server.data_dir) / "admin_token").string()
              << "):\n  " << s.adminToken << "\n"
              << std::flush;
}

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

api::ApiOptions apiOptions(const Config& cfg) {
    api::ApiOptions o;
    o.host = cfg.server.api_host;
    o.port = static_cast<int>(cfg.server.api_port);
    o.bodyLimits = {static_cast<std::size_t>(cfg.server.api_max_body_bytes),
                    {{"/webhooks/", static_cast<std::size_t>(cfg.server.webhook_max_body_bytes)}}};
    o.headerTimeout = std::chrono::milliseconds(cfg.server.api_header_timeout_ms);
    o.bodyTimeout = std::chrono::milliseconds(cfg.server.api_body_timeout_ms);
    return o;
}

// How this process reaches its own control API: a wildcard bind is reached on loopback.
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

int serve(const Config& cfg, const sigset_t& signals) {
    auto secrets = loadOrCreateSecrets(cfg);
    announceAdminToken(secrets, cfg);
    auto store = store::Store::open(cfg.server.data_dir);
    // Apps stored before credentials were split off git_url: sealed now, before anything reads them.
    if (auto moved = store::moveGitCredentialsOutOfUrls(*store, store::SecretBox(secrets.encryptionKey)))
        log::info("serve.git_credentials_moved", {{"apps", std::to_string(moved)}});
    // The API believes X-Forwarded-For only on requests our proxy marked (core/proxy_mark.hpp).
    auto auth = authOptions(cfg);
    auth.proxyMark = newProxyMark();
    api::ApiContext apiContext(*store, secrets.encryptionKey, secrets.adminToken, auth);
    auto runtimeLink = std::make_shared<RuntimeLink>(runtimeOptions(cfg));
    auto runtimeProbe = std::make_shared<api::CachedProbe<>>([runtimeLink] { return runtimeLink->healthy(); }, 2s);

    proxy::Proxy proxy(proxyOptions(cfg));
    proxy.start();
    if (!cfg.server.dashboard_domain.empty()) {
        proxy.setExternalRoute({cfg.server.dashboard_domain,
                                {cfg.server.api_host == "0.0.0.0" ? "127.0.0.1" : cfg.server.api_host,
                                 static_cast<std::uint16_t>(cfg.server.api_port)},
                                cfg.proxy.acme_enabled, auth.proxyMark});
    }
    linkExternalRoutes(apiContext, proxy);
    // The proxy follows its own routes: every routed host name gets its certificate.
    if (cfg.proxy.acme_enabled) proxy.enableAcme(acmeOptions(cfg));

    git::SourceOptions sourceOptions;
    sourceOptions.dataDir = cfg.server.data_dir;
    sourceOptions.allowLocalRepositories = cfg.git.allow_local_repositories;
    sourceOptions.extraCaFile = cfg.git.extra_ca_file;
    auto source = git::makeLibgit2Source(sourceOptions);
    source->removeStaleWorkDirs();
    builders::BuildersOptions builderOptions;
    builderOptions.cli.secretsDir = fs::path(cfg.server.data_dir) / "build-secrets";
    builderOptions.cli.packBuilder = cfg.build.pack_builder;
    builderOptions.staticSite.baseImage = cfg.build.static_base_image;
    builders::BuilderRegistry builders(builderOptions);
    engine::ProxyTraffic traffic(proxy);
    engine::DeploymentEvents events;
    store::AppStateRepository appState(*store);  // the engine's alone: the API only reads it
    auto engine = std::make_unique<engine::Engine>(
        engine::EngineDeps{apiContext.apps, appState, apiContext.env, apiContext.deployments, *source, builders,
                           [runtimeLink] { return runtimeLink->get(); }, traffic, events},
        engineOptions(cfg));
    // Started before the container engine answered: bring the live apps back once it does.
    // A jthread, so an exception further down (API port taken) stops and joins it on unwind.
    // From then on the engine follows the container engine's events: each time it (re)connects it
    // proves, starts and routes every live app again (so apps also come back by themselves when
    // Rivetr started before dockerd, as after a reboot).
    engine->reconcile();
    engine->watch();

    // Live data: the runtime for container logs and stats, the proxy for figures.
    apiContext.onAppDeleting = [&engine](const std::string& appId) { engine->forgetApp(appId); };
    apiContext.live.runtime = [runtimeLink] { return runtimeLink->get(); };
    apiContext.live.proxyFigures = [&proxy] { return proxy.metrics(); };
    apiContext.live.certificates = [&proxy, acme = cfg.proxy.acme_enabled](const std::vector<std::string>& domains) {
        return api::CertificateView{acme, acme, proxy.certificates(domains, nowMs() / 1000)};
    };
    apiContext.live.dataDir = cfg.server.data_dir;
    apiContext.webhookSecret = cfg.auth.webhook_secret;
    // The ports the proxy is bound to (a configured 0 picks one); HTTPS listens only with ACME on.
    apiContext.live.address = {proxy.httpPort(),
                               proxy.httpsPort() ? proxy.httpsPort() : static_cast<std::uint16_t>(cfg.server.proxy_https_port),
                               cfg.proxy.acme_enabled, cfg.server.public_url, selfUrl(cfg)};
    if (auto warning = publicUrlWarning(cfg.server.public_url)) log::warn("serve.public_url", {{"problem", *warning}});
    apiContext.appRules = {cfg.git.allow_local_repositories, cfg.server.dashboard_domain, cfg.server.base_domain};
    auto deployDurations = apiContext.live.metrics.watchDeployments(events, apiContext.deployments);

    // A probe file written every 2 s at most, however often /health is asked.
    auto diskProbe = std::make_shared<api::CachedProbe<DiskReport>>(
        [dataDir = fs::path(cfg.server.data_dir), last = std::make_shared<std::atomic<DiskStatus>>(DiskStatus::Ok)] {
            auto r = probeDirectories(dataDirectories(dataDir));
            if (last->exchange(r.status) != r.status)  // logged once per change, not every 2 s
                log::info("serve.data_dir", {{"status", diskStatusName(r.status)}, {"reason", r.reason}});
            return r;
        },
        2s);
    auto routes = api::controlRoutes(apiContext,
                                     {[&store] { return store->ping(); }, [runtimeProbe] { return (*runtimeProbe)(); },
                                      [diskProbe] { return (*diskProbe)(); }},
                                     engine.get());
    auto dashboard = api::openDashboard({cfg.server.dashboard_dir});
    for (auto& r : api::dashboardRoutes(dashboard)) routes.push_back(std::move(r));
    api::ApiServer server(apiOptions(cfg), std::move(routes), &apiContext.auth);
    server.setFallback(api::dashboardFallbackRoute(dashboard));
    server.observeRequests(&apiContext.live.metrics);
    server.start();
    log::info("serve.ready", {{"api", cfg.server.api_host + ":" + std::to_string(cfg.server.api_port)},
                              {"proxy", cfg.server.host + ":" + std::to_string(proxy.httpPort())},
                              {"data_dir", cfg.server.data_dir}});

    int sig = 0;
    sigwait(&signals, &sig);
    log::info("serve.stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    server.stop(8s);
    engine.reset();  // in-flight deployments end cancelled; the live containers keep running
    proxy.stop();
    store.reset();
    log::info("serve.stopped");
    return 0;
}

// glibc hands every block over 128 KiB to mmap and returns freed heap tops to the kernel at once,
// so each 670 KB app list sent to a client was page-faulted in afresh, several copies a request:
// a quarter of the server's CPU went on page faults and GET /api/apps (1,000 apps) took p50 3.8-7.5
// ms. Keeping blocks below 4 MiB on the heap and up to 8 MiB of free top measured p50 1.2-2.0 ms.
// Release builds link jemalloc (core/allocator_config.cpp), where this is a no-op; it still serves
// builds configured with RIVETR_JEMALLOC=OFF.
void tuneAllocator() {
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
}

}  // namespace

int runServe(const std::vector<std::string>& args) {
    tuneAllocator();
    auto parsed = parseArgs(args, commandArgSpec("serve"));
    if (!parsed.positional.empty()) throw UsageError("serve takes no arguments");
    auto signals = blockShutdownSignals();
    auto cfg = loadOrReport(parsed);
    if (!cfg) return 1;
    log::init(cfg->logging.level);
    try {
        return serve(*cfg, signals);
    } catch (const std::exception& e) {
        log::error("serve.failed", {{"error", e.what()}});
        std::cerr << "rivetr: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rivetr::cli
