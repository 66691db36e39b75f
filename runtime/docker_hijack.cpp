// Opens an engine call whose answer upgrades the HTTP connection to a raw stream (POST /exec/{id}/start with a TTY).
#include "runtime/docker_hijack.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "runtime/engine_stream.hpp"

namespace rivetr::runtime {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxHeadBytes = 16 * 1024;

[[noreturn]] void unavailable(const DockerEndpoint& ep, const std::string& what) {
    throw RuntimeError(ErrorKind::DaemonUnavailable, what + " (" + ep.describe() + "): " + std::strerror(errno));
}

void sendAll(int fd, const std::string& bytes, Clock::time_point deadline, const DockerEndpoint& ep) {
    for (std::size_t off = 0; off < bytes.size();) {
        if (!waitForFd(fd, POLLOUT, deadline)) unavailable(ep, "sending the request timed out");
        ssize_t n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (n < 0 && errno != EINTR && errno != EAGAIN) unavailable(ep, "send");
        if (n > 0) off += static_cast<std::size_t>(n);
    }
}

// Everything up to the blank line that ends the answer's head, plus what came after it in the same reads.
std::string readHead(int fd, Clock::time_point deadline, const DockerEndpoint& ep) {
    std::string got;
    char buf[4096];
    while (got.find("\r\n\r\n") == std::string::npos) {
        if (got.size() > kMaxHeadBytes) throw RuntimeError(ErrorKind::EngineError, "the engine's answer head is too long");
        if (!waitForFd(fd, POLLIN, deadline)) unavailable(ep, "no answer from the engine in time");
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n == 0) throw RuntimeError(ErrorKind::DaemonUnavailable, "the engine closed the connection (" + ep.describe() + ")");
        if (n < 0 && errno != EINTR && errno != EAGAIN) unavailable(ep, "recv");
        if (n > 0) got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
}

int statusOf(const std::string& head) {
    // "HTTP/1.1 101 UPGRADED"
    auto sp = head.find(' ');
    if (sp == std::string::npos || head.size() < sp + 4) return 0;
    int status = 0;
    for (std::size_t i = sp + 1; i < sp + 4; ++i) {
        if (head[i] < '0' || head[i] > '9') return 0;
        status = status * 10 + (head[i] - '0');
    }
    return status;
}

// An error answer's body: what arrived with the head and the rest until the engine closes (it answers
// errors with `Connection: close` semantics on a hijack request) or the deadline.
std::string errorBody(int fd, std::string body, Clock::time_point deadline) {
    char buf[4096];
    // Until the engine's {"message":...} is complete (it often came with the head).
    while (body.find('}') == std::string::npos && body.size() < kMaxHeadBytes && waitForFd(fd, POLLIN, deadline)) {
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        body.append(buf, static_cast<std::size_t>(n));
    }
    // The JSON alone, whatever framing (length or chunked) carried it.
    auto open = body.find('{'), close = body.rfind('}');
    return open != std::string::npos && close != std::string::npos && close > open ? body.substr(open, close - open + 1)
                                                                                    : body;
}

}  // namespace

ExecConnection openUpgraded(const DockerEndpoint& ep, const std::string& versionedPath, const std::string& json) {
    auto deadline = Clock::now() + ep.controlTimeout;
    int fd = openEngineStream(ep, Clock::now() + ep.connectTimeout);
    ExecConnection conn(fd, "");  // closes the socket on every throw below
    sendAll(fd,
            "POST " + versionedPath + " HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
            "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: " + std::to_string(json.size()) + "\r\n\r\n" + json,
            deadline, ep);
    std::string got = readHead(fd, deadline, ep);
    auto bodyAt = got.find("\r\n\r\n") + 4;
    int status = statusOf(got);
    if (status != 101 && status != 200) {
        HttpReply reply{status, errorBody(fd, got.substr(bodyAt), deadline)};
        throw errorFromReply(reply, ObjectKind::Other);
    }
    return ExecConnection(conn.release(), got.substr(bodyAt));
}

}  // namespace rivetr::runtime
