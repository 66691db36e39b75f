// A plain TCP stream for libgit2 whose connect, reads and writes wait in short slices and ask the
// current TransferGuard between them, so a server that stalls (even before its first byte) is cut off.
#include "core/git/guarded_stream.hpp"

#include <fcntl.h>
#include <git2.h>
#include <git2/sys/stream.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "core/git/transfer_guard.hpp"

namespace rivetr::git {
namespace {

// libgit2 1.5's SSH transport casts the standard stream to its internal git_socket_stream to
// take the file descriptor, so the first members must keep that layout: parent, host, port, fd.
struct GuardedSocket {
    git_stream parent;
    char* host;
    char* port;
    int fd;
    TransferGuard* guard;
};

// Without a guard (a libgit2 call outside Source), a silent server is given this long.
constexpr std::chrono::milliseconds kUnguardedIdle{std::chrono::minutes(5)};

GuardedSocket* self(git_stream* s) { return reinterpret_cast<GuardedSocket*>(s); }

// Waits for `events` in slices; returns 1 ready, 0 never (guard stopped it or idle limit), sets error.
int waitFor(GuardedSocket* s, short events, const char* what) {
    auto started = std::chrono::steady_clock::now();
    for (;;) {
        auto slice = s->guard ? s->guard->pollSlice() : std::chrono::milliseconds(1000);
        pollfd p{s->fd, events, 0};
        int r = ::poll(&p, 1, static_cast<int>(slice.count()));
        if (r > 0) return 1;
        if (r < 0 && errno != EINTR) {
            git_error_set_str(GIT_ERROR_NET, (std::string("poll failed: ") + std::strerror(errno)).c_str());
            return 0;
        }
        if (s->guard) {
            if (s->guard->check() != 0) return 0;
        } else if (std::chrono::steady_clock::now() - started > kUnguardedIdle) {
            git_error_set_str(GIT_ERROR_NET, (std::string("timed out while ") + what).c_str());
            return 0;
        }
    }
}

int connectOne(GuardedSocket* s, const addrinfo* ai) {
    s->fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
    if (s->fd < 0) return errno;
    if (::connect(s->fd, ai->ai_addr, ai->ai_addrlen) == 0) return 0;
    if (errno != EINPROGRESS) return errno;
    if (!waitFor(s, POLLOUT, "connecting")) return -1;
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    return err;
}

int streamConnect(git_stream* stream) {
    auto* s = self(stream);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    if (int rc = ::getaddrinfo(s->host, s->port, &hints, &list); rc != 0) {
        git_error_set_str(GIT_ERROR_NET,
                          (std::string("cannot resolve host ") + s->host + ": " + gai_strerror(rc)).c_str());
        return -1;
    }
    int err = ECONNREFUSED;
    for (auto* ai = list; ai; ai = ai->ai_next) {
        err = connectOne(s, ai);
        if (err == 0) break;
        if (s->fd >= 0) ::close(s->fd);
        s->fd = -1;
        if (err < 0) break;  // the guard stopped us: its message is already set
    }
    ::freeaddrinfo(list);
    if (err == 0) {
        if (s->guard) s->guard->attachSocket(s->fd);
        return 0;
    }
    if (err > 0) {
        git_error_set_str(GIT_ERROR_NET, (std::string("cannot connect to ") + s->host + ":" + s->port + ": " +
                                          std::strerror(err)).c_str());
    }
    return -1;
}

ssize_t streamRead(git_stream* stream, void* data, size_t len) {
    auto* s = self(stream);
    for (;;) {
        ssize_t n = ::recv(s->fd, data, len, 0);
        if (n >= 0) {
            if (n > 0 && s->guard) s->guard->noteProgress();
            return n;
        }
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            git_error_set_str(GIT_ERROR_NET, (std::string("read failed: ") + std::strerror(errno)).c_str());
            return -1;
        }
        if (!waitFor(s, POLLIN, "waiting for the server")) return -1;
    }
}

ssize_t streamWrite(git_stream* stream, const char* data, size_t len, int) {
    auto* s = self(stream);
    for (;;) {
        ssize_t n = ::send(s->fd, data, len, MSG_NOSIGNAL);
        if (n >= 0) return n;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            git_error_set_str(GIT_ERROR_NET, (std::string("write failed: ") + std::strerror(errno)).c_str());
            return -1;
        }
        if (!waitFor(s, POLLOUT, "sending to the server")) return -1;
    }
}

int streamClose(git_stream* stream) {
    auto* s = self(stream);
    if (s->fd >= 0 && s->guard) s->guard->detachSocket(s->fd);  // before the number can be reused
    if (s->fd >= 0) ::close(s->fd);
    s->fd = -1;
    return 0;
}

void streamFree(git_stream* stream) {
    auto* s = self(stream);
    streamClose(stream);
    std::free(s->host);
    std::free(s->port);
    delete s;
}

int streamInit(git_stream** out, const char* host, const char* port) {
    auto* s = new GuardedSocket{};
    s->parent.version = GIT_STREAM_VERSION;
    s->parent.connect = streamConnect;
    s->parent.read = streamRead;
    s->parent.write = streamWrite;
    s->parent.close = streamClose;
    s->parent.free = streamFree;
    s->host = ::strdup(host);
    s->port = ::strdup(port);
    s->fd = -1;
    s->guard = TransferGuard::current();
    *out = &s->parent;
    return 0;
}

}  // namespace

void registerGuardedStream() {
    static std::once_flag once;
    std::call_once(once, [] {
        git_stream_registration reg{};
        reg.version = GIT_STREAM_VERSION;
        reg.init = streamInit;
        git_stream_register(GIT_STREAM_STANDARD, &reg);
    });
}

}  // namespace rivetr::git
