// Rivetr's running parts wired together: store, proxy, engine and API, started in dependency order.
#include "server/server.hpp"

#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <iostream>

#include "api/http/api_server.hpp"
#include "api/http/cached_probe.hpp"
#include "api/system/dashboard_assets.hpp"
#include "api/route_table.hpp"
#include "api/terminal/terminal_audit.hpp"
#include "core/clock.hpp"
#include "core/data_dir_probe.hpp"
#include "core/comma_list.hpp"
#include "core/log.hpp"
#include "core/memory_release.hpp"
#include "core/periodic_task.hpp"
#include "core/proxy_mark.hpp"
#include "core/public_url.hpp"
#include "core/secrets.hpp"
#include "hosts/host_refresher.hpp"
#include "server/edit_recovery_pass.hpp"
#include "server/engine_app_gateway.hpp"
#include "server/external_routes_link.hpp"
#include "server/proxy_traffic.hpp"
#include "server/runtime_link.hpp"
#include "server/serve_options.hpp"
#include "store/app_state_repository.hpp"
#include "store/git_credential_store.hpp"
#include "store/host_repository.hpp"
#include "store/store.hpp"
#include "terminal/origin_check.hpp"

namespace rivetr::server {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// Declared in start-up order: members are destroyed in reverse, after stop() ran.
struct Server::Parts {
    Config cfg;
    InstanceSecrets secrets;
    std::unique_ptr<store::Store> store;
    api::AuthOptions auth;
    std::unique_ptr<api::ApiContext> api;
    std::shared_ptr<RuntimeLink> runtimeLink;
    std::shared_ptr<api::CachedProbe<>> runtimeProbe;
    std::unique_ptr<proxy::Proxy> proxy;
    std::unique_ptr<git::Source> source;
    std::unique_ptr<builders::BuilderRegistry> builders;
    std::unique_ptr<ProxyTraffic> traffic;
    engine::DeploymentEvents events;
    std::unique_ptr<store::AppStateRepository> appState;
    std::unique_ptr<engine::Engine> engine;
    engine::DeploymentEvents::Subscription deployDurations;
    std::unique_ptr<store::HostRepository> hostRepository;
    std::shared_ptr<hosts::RegistryHostDirectory> hosts;
    std::unique_ptr<hosts::HostRefresher> hostRefresher;
    std::unique_ptr<PeriodicTask> editRecovery;
    std::unique_ptr<api::ApiServer> http;
    bool stopped = false;
};

namespace {

// The token is printed once, on the start that created it; it is never written to the log.
void announceAdminToken(const InstanceSecrets& s, const Config& cfg) {
    if (!s.adminTokenCreated) return;
    std::cout << "Admin token (shown once; also stored in " << (fs::path(cfg.server.data_dir) / "admin_token").string()
              << "):\n  " << s.adminToken << "\n"
              << std::flush;
}

void openStore(Server::Parts& p) {
    p.secrets = loadOrCreateSecrets(p.cfg);
    announceAdminToken(p.secrets, p.cfg);
    p.store = store::Store::open(p.cfg.server.data_dir);
    // Apps stored before credentials were split off git_url: sealed now, before anything reads them.
    if (auto moved = store::moveGitCredentialsOutOfUrls(*p.store, store::SecretBox(p.secrets.encryptionKey)))
        log::info("serve.git_credentials_moved", {{"apps", std::to_string(moved)}});
    // The API believes X-Forwarded-For only on requests our proxy marked (core/proxy_mark.hpp).
    p.auth = authOptions(p.cfg);
    p.auth.proxyMark = newProxyMark();
    p.api = std::make_unique<api::ApiContext>(*p.store, p.secrets.encryptionKey, p.secrets.adminToken, p.auth);
}

void startProxy(Server::Parts& p) {
    const auto& cfg = p.cfg;
    p.proxy = std::make_unique<proxy::Proxy>(proxyOptions(cfg));
    p.proxy->start();
    if (!cfg.server.dashboard_domain.empty()) {
        p.proxy->setExternalRoute({cfg.server.dashboard_domain,
                                   {cfg.server.api_host == "0.0.0.0" ? "127.0.0.1" : cfg.server.api_host,
                                    static_cast<std::uint16_t>(cfg.server.api_port)},
                                   cfg.proxy.acme_enabled, p.auth.proxyMark});
    }
    linkExternalRoutes(*p.api, *p.proxy);
    // The proxy follows its own routes: every routed host name gets its certificate.
    if (cfg.proxy.acme_enabled) p.proxy->enableAcme(acmeOptions(cfg));
}

void startEngine(Server::Parts& p) {
    p.runtimeLink = std::make_shared<RuntimeLink>(runtimeOptions(p.cfg));
    p.runtimeProbe = std::make_shared<api::CachedProbe<>>([link = p.runtimeLink] { return link->healthy(); }, 2s);
    p.source = git::makeLibgit2Source(sourceOptions(p.cfg));
    p.source->removeStaleWorkDirs();
    p.builders = std::make_unique<builders::BuilderRegistry>(buildersOptions(p.cfg));
    p.traffic = std::make_unique<ProxyTraffic>(*p.proxy);
    p.appState = std::make_unique<store::AppStateRepository>(*p.store);  // the engine's alone: the API only reads it
    auto& api = *p.api;
    p.engine = std::make_unique<engine::Engine>(
        engine::EngineDeps{api.apps, *p.appState, api.env, api.deployments, *p.source, *p.builders,
                           [link = p.runtimeLink] { return link->get(); }, *p.traffic, p.events},
        engineOptions(p.cfg));
    // Started before the container engine answered: reconcile brings the live apps back once it
    // does. From then on the engine follows the container engine's events: each time it
    // (re)connects it proves, starts and routes every live app again (so apps also come back by
    // themselves when Rivetr started before dockerd, as after a reboot).
    p.engine->reconcile();
    p.engine->watch();
}

// What the API reads live: container logs and stats from the runtime, figures and certificates
// from the proxy, the addresses users are shown.
void linkLiveData(Server::Parts& p) {
    const auto& cfg = p.cfg;
    auto& api = *p.api;
    auto* proxy = p.proxy.get();
    api.onAppDeleting = [engine = p.engine.get()](const std::string& appId) { engine->forgetApp(appId); };
    api.appGateway = std::make_shared<EngineAppGateway>(*p.engine, api.apps);  // the Docker manager's way to apps
    api.live.runtime = [link = p.runtimeLink] { return link->get(); };
    api.live.proxyFigures = [proxy] { return proxy->metrics(); };
    api.live.certificates = [proxy, acme = cfg.proxy.acme_enabled](const std::vector<std::string>& domains) {
        return api::CertificateView{acme, acme, proxy->certificates(domains, nowMs() / 1000)};
    };
    api.live.dataDir = cfg.server.data_dir;
    api.webhookSecret = cfg.auth.webhook_secret;
    // The ports the proxy is bound to (a configured 0 picks one); HTTPS listens only with ACME on.
    api.live.address = {proxy->httpPort(),
                        proxy->httpsPort() ? proxy->httpsPort() : static_cast<std::uint16_t>(cfg.server.proxy_https_port),
                        cfg.proxy.acme_enabled, cfg.server.public_url, selfUrl(cfg)};
    if (auto warning = publicUrlWarning(cfg.server.public_url)) log::warn("serve.public_url", {{"problem", *warning}});
    api.appRules = {cfg.git.allow_local_repositories, cfg.server.dashboard_domain, cfg.server.base_domain};
    // The Docker manager's create policy: who may bind what ([docker] allowed_bind_roots) and the socket.
    api.containerPolicy.dockerSocket = cfg.runtime.docker_socket;
    // The bind roots: the file's as the default, an admin's saved list over them (read at every create).
    api.dockerPolicy.setConfigDefault(splitCommaList(cfg.docker.allowed_bind_roots), api.containerPolicy);
    api.containerListCache = cfg.docker.list_cache;
    p.deployDurations = api.live.metrics.watchDeployments(p.events, api.deployments);
    // The dashboard's terminals (api/terminal/terminal_routes.hpp says where their WebSocket ends).
    api.terminals = std::make_shared<terminal::TerminalService>(terminalOptions(cfg), api::terminalAuditSink(api.audit));
    if (auto origin = terminal::originOf(cfg.server.public_url); !origin.empty()) api.terminalOrigins.push_back(origin);
    api.volumeContent = volumeContentSettings(cfg);
}

// Every engine the Docker manager reaches: the local one through the runtime link, and each remote
// host an admin added, kept current in the background.
void linkHosts(Server::Parts& p) {
    p.hostRepository = std::make_unique<store::HostRepository>(*p.store, store::SecretBox(p.secrets.encryptionKey));
    p.hosts = std::make_shared<hosts::RegistryHostDirectory>(
        *p.hostRepository, [link = p.runtimeLink] { return link->get(); }, remoteHostOptions(p.cfg));
    p.api->hosts = p.hosts;
    p.api->hostRegistry = p.hosts;
    p.hostRefresher = std::make_unique<hosts::HostRefresher>(p.hosts, std::chrono::seconds(p.cfg.hosts.refresh_interval_s));
}

// The Docker manager's edits a crash left unfinished, before the API answers; then, in the running server,
// every edit whose own rollback failed (its host was unreachable for a moment), without waiting for a restart.
void recoverEdits(Server::Parts& p) {
    auto pass = [&api = *p.api, hosts = p.hosts] {
        recoverContainerEdits(*hosts, api.containerPolicy, api.editJournal, api.audit);
    };
    pass();
    p.editRecovery = std::make_unique<PeriodicTask>(pass, std::chrono::seconds(p.cfg.docker.edit_recovery_interval_s),
                                                    PeriodicTask::First::AfterInterval);
}

// Compose stacks live in <data_dir>/stacks. A deploy a crash interrupted is marked failed, and a replace it
// left half-done (the old container set aside) is finished or undone, before the API answers.
void startStacks(Server::Parts& p) {
    auto& api = *p.api;
    api.stackOptions.stacksDir = fs::path(p.cfg.server.data_dir) / "stacks";
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) api.stackOptions.homeDir = pw->pw_dir;
    api.stacks = std::make_shared<stacks::StackService>(api.stackOptions, api.stackRepo, api.hosts, &api.containerPolicy);
    try {
        for (const auto& line : api.stacks->recover()) log::warn("stacks.recovered", {{"what", line}});
    } catch (const std::exception& e) {
        log::error("stacks.recovery_failed", {{"error", e.what()}});
    }
}

// A probe file written every 2 s at most, however often /health is asked.
std::function<DiskReport()> diskProbe(const fs::path& dataDir) {
    auto probe = std::make_shared<api::CachedProbe<DiskReport>>(
        [dataDir, last = std::make_shared<std::atomic<DiskStatus>>(DiskStatus::Ok)] {
            auto r = probeDirectories(dataDirectories(dataDir));
            if (last->exchange(r.status) != r.status)  // logged once per change, not every 2 s
                log::info("serve.data_dir", {{"status", diskStatusName(r.status)}, {"reason", r.reason}});
            return r;
        },
        2s);
    return [probe] { return (*probe)(); };
}

void startApi(Server::Parts& p) {
    auto* store = p.store.get();
    auto routes = api::controlRoutes(
        *p.api, {[store] { return store->ping(); }, [probe = p.runtimeProbe] { return (*probe)(); }, diskProbe(p.cfg.server.data_dir)},
        p.engine.get());
    auto dashboard = api::openDashboard({p.cfg.server.dashboard_dir});
    for (auto& r : api::dashboardRoutes(dashboard)) routes.push_back(std::move(r));
    p.http = std::make_unique<api::ApiServer>(apiOptions(p.cfg), std::move(routes), &p.api->auth);
    p.http->setFallback(api::dashboardFallbackRoute(dashboard));
    p.http->observeRequests(&p.api->live.metrics);
    p.http->start();
}

}  // namespace

Server::Server(Config cfg) : parts_(std::make_unique<Parts>()) {
    auto& p = *parts_;
    p.cfg = std::move(cfg);
    try {
        openStore(p);
        startProxy(p);
        startEngine(p);
        linkLiveData(p);
        linkHosts(p);
        recoverEdits(p);
        startStacks(p);
        startApi(p);
    } catch (...) {
        stop();
        throw;
    }
    // What start-up built and dropped (migrations, route tables, the OpenAPI document) goes back now,
    // not after jemalloc's decay at the next allocations: an idle server's RSS is what it holds.
    releaseFreedMemory();
    log::info("serve.ready", {{"api", p.cfg.server.api_host + ":" + std::to_string(p.cfg.server.api_port)},
                              {"proxy", p.cfg.server.host + ":" + std::to_string(p.proxy->httpPort())},
                              {"data_dir", p.cfg.server.data_dir}});
}

Server::~Server() { stop(); }

void Server::stop() {
    auto& p = *parts_;
    if (p.stopped) return;
    p.stopped = true;
    if (p.http) p.http->stop(8s);
    p.hostRefresher.reset();
    p.editRecovery.reset();  // waits for a pass in progress, while the engine and the store are still there
    // Open terminals close and their shells end before the store they are audited in goes.
    if (p.api && p.api->terminals) p.api->terminals->stop();
    p.engine.reset();  // in-flight deployments end cancelled; the live containers keep running
    if (p.proxy) p.proxy->stop();
    p.store.reset();
}

}  // namespace rivetr::server
