// The gates a container passes before it gets traffic: its port published, then HTTP (2xx/3xx) or TCP connect.
#include "engine/health_gate.hpp"

#include "core/http_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace rivetr::engine {
namespace {

using Clock = std::chrono::steady_clock;

struct Probe {
    std::optional<std::string> failure;  // nullopt: healthy
    bool noAnswer = false;               // nothing listening: refused, or closed without a reply
};

Probe probeHttp(const std::string& host, int port, const store::HealthCheckSpec& spec) {
    http::Request req;
    req.url = "http://" + host + ":" + std::to_string(port) + spec.path;
    req.timeout = std::chrono::milliseconds(spec.timeoutMs);
    req.ignoreProxyEnv = true;
    req.headers = {"User-Agent: rivetr-healthcheck"};
    req.onData = [](std::string_view) {};  // the body is not judged
    auto r = http::perform(req);
    if (!r.ok()) {
        // Docker's port proxy accepts the connection and closes it when nothing listens inside
        // ("Empty reply"), so a refused connect is not the only sign; a timeout is a slow app.
        bool noAnswer = r.status == 0 && r.failure != http::Failure::TimedOut && r.failure != http::Failure::Cancelled;
        return {"GET " + spec.path + ": " + r.error, noAnswer};
    }
    if (r.status >= 200 && r.status < 400) return {};
    return {statusAdvice(spec.path, r.status)};
}

Probe probeTcp(const std::string& host, int port, std::int64_t timeoutMs) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        ::close(fd);
        return {"bad address " + host};
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
    if (rc == 0) return {};
    return {"TCP connect to port " + std::to_string(port) + " failed", true};
}

Probe probe(const std::string& host, int port, const store::HealthCheckSpec& spec) {
    return spec.type == "tcp" ? probeTcp(host, port, spec.timeoutMs) : probeHttp(host, port, spec);
}

std::string joinPorts(const std::vector<int>& ports) {
    std::string out;
    for (int p : ports) out += (out.empty() ? "" : ", ") + std::to_string(p);
    return out;
}

}  // namespace

std::optional<std::string> probeOnce(const std::string& host, int port, const store::HealthCheckSpec& spec) {
    return probe(host, port, spec).failure;
}

std::string noAnswerAdvice(int appPort, const std::vector<int>& exposedPorts) {
    std::string port = std::to_string(appPort);
    std::string what = "nothing answered on port " + port + " inside the container";
    if (exposedPorts.empty()) {
        return what + "; make the app listen on 0.0.0.0:" + port + " (it gets PORT=" + port +
               ") or set the app's port to the one it listens on";
    }
    if (std::find(exposedPorts.begin(), exposedPorts.end(), appPort) != exposedPorts.end()) {
        return what + ", though the image EXPOSEs it; make the app listen on 0.0.0.0:" + port +
               ", not on 127.0.0.1";
    }
    if (exposedPorts.size() == 1) {
        auto exposed = std::to_string(exposedPorts[0]);
        return what + "; the image EXPOSEs " + exposed + " — set the app's port to " + exposed;
    }
    return what + "; the image EXPOSEs " + joinPorts(exposedPorts) + " — set the app's port to the one it listens on";
}

std::string statusAdvice(const std::string& path, long status) {
    std::string what = "GET " + path + " answered " + std::to_string(status);
    if (status == 404) {
        return what + ": the app has no page at " + path +
               " — set the app's health check path to one it answers with 2xx or 3xx";
    }
    if (status == 401 || status == 403) {
        return what + ": the page asks for credentials — set the app's health check path to one it answers "
                      "without signing in";
    }
    return what;
}

PortOutcome waitPublishedPort(runtime::ContainerLifecycle& rt, const std::string& containerId, int containerPort,
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
        auto result = probe(host, port, spec);
        if (!result.failure) return {true, "", out.attempts};
        lastReason = *result.failure;
        out.noAnswer = result.noAnswer;
        if (Clock::now() >= startPeriodEnds) ++counted;
        if (hooks.log && (out.attempts <= 3 || out.attempts % 10 == 0)) {
            hooks.log("health check attempt " + std::to_string(out.attempts) + ": " + lastReason);
        }
        if (counted >= spec.retries) {
            return {false, lastReason + " (" + std::to_string(out.attempts) + " attempts)", out.attempts, out.noAnswer};
        }
        std::this_thread::sleep_until(next);
    }
}

}  // namespace rivetr::engine
