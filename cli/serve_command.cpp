// `rivetr serve`: loads the config, runs the server (server/), stops it cleanly on SIGTERM or SIGINT.
#include <malloc.h>
#include <signal.h>

#include <iostream>

#include "cli/args.hpp"
#include "cli/command_registry.hpp"
#include "cli/commands.hpp"
#include "core/config_loader.hpp"
#include "core/log.hpp"
#include "server/server.hpp"

namespace rivetr::cli {
namespace {

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

int serve(const Config& cfg, const sigset_t& signals) {
    server::Server server(cfg);
    int sig = 0;
    sigwait(&signals, &sig);
    log::info("serve.stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    server.stop();
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
