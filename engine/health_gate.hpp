// The gates a container passes before it gets traffic: its port published, then HTTP (2xx/3xx) or TCP connect.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/container_lifecycle.hpp"
#include "store/records.hpp"

namespace rivetr::engine {

struct HealthOutcome {
    bool healthy = false;
    std::string reason;  // why not: "GET /health answered 500 (30 attempts)", "container exited with code 1"
    int attempts = 0;
    // The last probe found nothing listening (refused, or closed without a reply): the app listens
    // on another port or address, which noAnswerAdvice() explains.
    bool noAnswer = false;
};

struct HealthProbeHooks {
    // Called between probes: a reason when the container is gone (exited, OOM-killed), so the
    // gate fails at once instead of waiting for its retries to run out.
    std::function<std::optional<std::string>()> containerGone;
    std::function<bool()> cancelled;
    std::function<void(const std::string&)> log;
};

struct PortOutcome {
    int hostPort = 0;    // 0: not published, see reason
    std::string reason;  // "the container exited with code 1", "the container's port 3000 was not published"
};

// The host port the container engine published for `containerPort`: it shows a moment after the
// start, once the network is wired. Polls every 50 ms up to `limit`; fails at once when
// hooks.containerGone says why the container is not running, or when hooks.cancelled. Every path
// that starts a container (a deployment, a start or restart) waits here.
PortOutcome waitPublishedPort(runtime::ContainerLifecycle& rt, const std::string& containerId, int containerPort,
                              const HealthProbeHooks& hooks,
                              std::chrono::milliseconds limit = std::chrono::seconds(10));

// First probe at once, then every interval. Failures inside the start period do not count
// against the retries; the gate passes on the first success.
HealthOutcome waitHealthy(const std::string& host, int port, const store::HealthCheckSpec& spec,
                          const HealthProbeHooks& hooks);

// One probe; nullopt when healthy, else why not.
std::optional<std::string> probeOnce(const std::string& host, int port, const store::HealthCheckSpec& spec);

// What to do when nothing answered on the app's port inside the container, from the ports its
// image EXPOSEs: "nothing answered on port 8000 inside the container; the image EXPOSEs 8080 —
// set the app's port to 8080".
std::string noAnswerAdvice(int appPort, const std::vector<int>& exposedPorts);

// Why an HTTP health check with this answer failed, with the fix when the status names one: "GET
// /healthz answered 404: the app has no page at /healthz — set the app's health check path to one
// it answers with 2xx or 3xx". Other statuses (a 500: the app's own fault) are reported as they are.
std::string statusAdvice(const std::string& path, long status);

}  // namespace rivetr::engine
