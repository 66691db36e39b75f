// One raw byte stream to an engine whatever carries it (unix socket, ssh tunnel socket, tcp+TLS): what a hijacked call speaks over.
#include "runtime/engine_stream.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/tls_relay.hpp"

namespace rivetr::runtime {
namespace {

int connectUnix(const DockerEndpoint& ep) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (ep.unixSocket.size() >= sizeof(addr.sun_path))
        throw RuntimeError(ErrorKind::InvalidArgument, "socket path too long: " + ep.unixSocket);
    std::memcpy(addr.sun_path, ep.unixSocket.c_str(), ep.unixSocket.size() + 1);
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw RuntimeError(ErrorKind::DaemonUnavailable, "socket: " + std::string(std::strerror(errno)));
    // A unix connect does not wait on the network: it succeeds or fails at once.
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        std::string why = std::strerror(errno);
        ::close(fd);
        throw RuntimeError(ErrorKind::DaemonUnavailable, "connect (" + ep.describe() + "): " + why);
    }
    return fd;
}

}  // namespace

bool waitForFd(int fd, short events, std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, events, 0};
        int n = ::poll(&p, 1, static_cast<int>(left));
        if (n > 0) return true;
        if (n < 0 && errno != EINTR) return false;
    }
}

int openEngineStream(const DockerEndpoint& ep, std::chrono::steady_clock::time_point deadline) {
    return ep.tcpUrl.empty() ? connectUnix(ep) : openTlsRelay(ep, deadline);
}

}  // namespace rivetr::runtime
