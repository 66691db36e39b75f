// The health gate a new container must pass before it gets traffic: HTTP (2xx/3xx) or TCP connect.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "store/records.hpp"

namespace rivetr::engine {

struct HealthOutcome {
    bool healthy = false;
    std::string reason;  // why not: "GET /health answered 500 (30 attempts)", "container exited with code 1"
    int attempts = 0;
};

struct HealthProbeHooks {
    // Called between probes: a reason when the container is gone (exited, OOM-killed), so the
    // gate fails at once instead of waiting for its retries to run out.
    std::function<std::optional<std::string>()> containerGone;
    std::function<bool()> cancelled;
    std::function<void(const std::string&)> log;
};

// First probe at once, then every interval. Failures inside the start period do not count
// against the retries; the gate passes on the first success.
HealthOutcome waitHealthy(const std::string& host, int port, const store::HealthCheckSpec& spec,
                          const HealthProbeHooks& hooks);

// One probe; nullopt when healthy, else why not.
std::optional<std::string> probeOnce(const std::string& host, int port, const store::HealthCheckSpec& spec);

}  // namespace rivetr::engine
