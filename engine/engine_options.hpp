// Tunables of the deploy engine, mapped from the [runtime] config section by `rivetr serve`.
#pragma once

#include <chrono>
#include <optional>
#include <functional>
#include <cstdint>
#include <filesystem>

#include "engine/port_allocator.hpp"

namespace rivetr::engine {

struct SupervisorOptions {
    // Restart delays after a crash: first, doubled per crash in a row, capped (the PaaS seed's
    // "container crash recovery with exponential back-off").
    std::chrono::milliseconds firstRetry{1000};
    std::chrono::milliseconds maxRetry{std::chrono::minutes(5)};
    // A container that ran this long before dying counts as a first crash again.
    std::chrono::milliseconds steadyAfter{std::chrono::seconds(60)};
};

struct EngineOptions {
    std::filesystem::path dataDir;
    int maxConcurrentDeployments = 2;
    int keepImages = 5;  // per app, for instant rollback; the live one is always kept
    int keepDeploymentLogs = 20;  // per app: older deployments keep their record, not their log lines
    // Under this much free disk (data_dir's filesystem) images are pruned down to the live one and
    // the one a rollback would use. 0 disables the check.
    std::uint64_t minFreeDiskBytes = 2ULL << 30;
    // Free bytes where images and caches live; unset: statvfs(dataDir). Tests inject pressure here.
    std::function<std::optional<std::uint64_t>()> freeDiskBytes;
    std::chrono::milliseconds cloneTimeout{std::chrono::minutes(10)};
    std::chrono::milliseconds cloneStallTimeout{std::chrono::seconds(60)};
    std::chrono::milliseconds buildTimeout{std::chrono::minutes(30)};
    std::chrono::milliseconds startTimeout{std::chrono::minutes(2)};
    // Cap on the health stage whatever the app's retries say.
    std::chrono::milliseconds healthTimeout{std::chrono::minutes(5)};
    std::chrono::seconds stopGrace{10};
    // Where app containers are published on 127.0.0.1 ([runtime] host_port_range).
    PortRange hostPorts;
    SupervisorOptions supervisor;
};

// The app's own deadline for a stage when it set one, else the engine's default.
inline std::chrono::milliseconds stageDeadline(const std::optional<std::int64_t>& appMs,
                                               std::chrono::milliseconds fallback) {
    return appMs ? std::chrono::milliseconds(*appMs) : fallback;
}

}  // namespace rivetr::engine
