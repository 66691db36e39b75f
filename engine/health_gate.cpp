// The gates a container passes before it gets traffic: its port published, then HTTP (2xx/3xx) or TCP connect.
#include "engine/health_gate.hpp"

#include "core/http_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace rivetr::engine {
namespace {

using Clock = std::chrono::steady_clock;

std::optional<std::string> probeHttp(const std::string& host, int port, const store::HealthCheckSpec& spec) {
    http::Request req;
    req.url = "http://" + host + ":" + std::to_string(port) + spec.path;
    req.timeout = std::chrono::milliseconds(spec.timeoutMs);
    req.ignoreProxyEnv = true;
    req.headers = {"User-Agent: rivetr-healthcheck"};
    req.onData = [](std::string_view) {};  // the body is not judged
    auto r = http::perform(req);
    if (!r.ok()) return "GET " + spec.path + ": " + r.error;
    if (r.status >= 200 && r.status < 400) return std::nullopt;
    return "GET " + spec.path + " answered " + std::to_string(r.status);
}

std::optional<std::string> probeTcp(const std::string& host, int port, std::int64_t timeoutMs) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        ::close(fd);
        return "bad address " + host;
    }
    int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    if (rc != 0 && errno == EINPROGRESS) {
        pollfd p{fd, POLLOUT, 0};
        rc = ::poll(&p, 1, static_cast<int>(timeoutMs)) == 1 ? 0 : -1;
        int err = 0;
        socklen_t len = sizeof err;
        if (rc == 0 && (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0)) rc = -1;
    }
    ::close(fd);
    if (rc == 0) return std::nullopt;
    return "TCP connect to port " + std::to_string(port) + " failed";
}

}  // namespace

std::optional<std::string> probeOnce(const std::string& host, int port, const store::HealthCheckSpec& spec) {
    return spec.type == "tcp" ? probeTcp(host, port, spec.timeoutMs) : probeHttp(host, port, spec);
}

PortOutcome waitPublishedPort(runtime::ContainerRuntime& rt, const std::string& containerId, int containerPort,
                              const HealthProbeHooks& hooks, std::chrono::milliseconds limit) {
    auto deadline = Clock::now() + limit;
    for (;;) {
        for (const auto& p : rt.inspectContainer(containerId).ports) {
            if (p.containerPort == containerPort && p.hostPort > 0) return {p.hostPort, ""};
        }
        if (hooks.containerGone) {
            if (auto gone = hooks.containerGone()) return {0, *gone};
        }
        if (hooks.cancelled && hooks.cancelled()) return {0, "cancelled"};
        if (Clock::now() >= deadline) {
            return {0, "the container's port " + std::to_string(containerPort) + " was not published"};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

HealthOutcome waitHealthy(const std::string& host, int port, const store::HealthCheckSpec& spec,
                          const HealthProbeHooks& hooks) {
    HealthOutcome out;
    auto startPeriodEnds = Clock::now() + std::chrono::milliseconds(spec.startPeriodMs);
    int counted = 0;
    std::string lastReason;
    for (;;) {
        if (hooks.cancelled && hooks.cancelled()) return {false, "cancelled", out.attempts};
        if (hooks.containerGone) {
            if (auto gone = hooks.containerGone()) return {false, *gone, out.attempts};
        }
        auto next = Clock::now() + std::chrono::milliseconds(spec.intervalMs);
        ++out.attempts;
        auto failure = probeOnce(host, port, spec);
        if (!failure) return {true, "", out.attempts};
        lastReason = *failure;
        if (Clock::now() >= startPeriodEnds) ++counted;
        if (hooks.log && (out.attempts <= 3 || out.attempts % 10 == 0)) {
            hooks.log("health check attempt " + std::to_string(out.attempts) + ": " + lastReason);
        }
        if (counted >= spec.retries) {
            return {false, lastReason + " (" + std::to_string(out.attempts) + " attempts)", out.attempts};
        }
        std::this_thread::sleep_until(next);
    }
}

}  // namespace rivetr::engine
