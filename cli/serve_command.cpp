// `rivetr serve`: loads config and secrets, opens the store, starts the planes, stops cleanly on SIGTERM.
#include <signal.h>

#include <iostream>

#include "api/api_server.hpp"
#include "api/cached_probe.hpp"
#include "api/route_table.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/runtime_link.hpp"
#include "core/config_loader.hpp"
#include "core/log.hpp"
#include "core/secrets.hpp"
#include "store/store.hpp"

namespace rivetr::cli {
namespace {

using namespace std::chrono_literals;

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
    std::optional<std::filesystem::path> path;
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
    std::cout << "Admin token (shown once; also stored in "
              << (std::filesystem::path(cfg.server.data_dir) / "admin_token").string() << "):\n  " << s.adminToken
              << "\n"
              << std::flush;
}

runtime::RuntimeOptions runtimeOptions(const Config& cfg) {
    runtime::RuntimeOptions o;
    o.runtimeType = cfg.runtime.runtime_type;
    o.dockerSocket = cfg.runtime.docker_socket;
    return o;
}

int serve(const Config& cfg, const sigset_t& signals) {
    auto secrets = loadOrCreateSecrets(cfg);
    announceAdminToken(secrets, cfg);
    auto store = store::Store::open(cfg.server.data_dir);
    auto runtimeLink = std::make_shared<RuntimeLink>(runtimeOptions(cfg));
    auto runtimeProbe = std::make_shared<api::CachedProbe>([runtimeLink] { return runtimeLink->healthy(); }, 2s);

    api::ApiContext apiContext(*store, secrets.encryptionKey, secrets.adminToken);
    auto routes = api::controlRoutes(
        apiContext, {[&store] { return store->ping(); }, [runtimeProbe] { return (*runtimeProbe)(); }});
    api::ApiServer server({cfg.server.api_host, static_cast<int>(cfg.server.api_port)}, std::move(routes),
                          &apiContext.auth);
    server.start();
    log::info("serve.ready", {{"api", cfg.server.api_host + ":" + std::to_string(cfg.server.api_port)},
                              {"data_dir", cfg.server.data_dir}});

    int sig = 0;
    sigwait(&signals, &sig);
    log::info("serve.stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    server.stop(8s);
    store.reset();
    log::info("serve.stopped");
    return 0;
}

}  // namespace

int runServe(const std::vector<std::string>& args) {
    auto parsed = parseArgs(args, {{"config"}, {}});
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
