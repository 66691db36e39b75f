// One open text/event-stream response: SSE framing and chunked encoding written on its own copy of the socket.
#include "api/http/sse_stream.hpp"

#include <fcntl.h>
#include <pistache/peer.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace rivetr::api {
namespace {

constexpr std::size_t kMaxBacklog = 4 * 1024 * 1024;  // a client this far behind is dropped

std::string hex(std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    do {
        out.insert(out.begin(), digits[n & 15]);
        n >>= 4;
    } while (n);
    return out;
}

}  // namespace

std::string formatSseEvent(std::string_view name, std::optional<std::int64_t> id, std::string_view data) {
    return formatSseEvent(name, id ? std::to_string(*id) : std::string(), data);
}

std::string formatSseEvent(std::string_view name, std::string_view id, std::string_view data) {
    std::string out;
    if (!id.empty()) {
        out += "id: ";
        out += id;
        out += "\n";
    }
    out += "event: ";
    out += name;
    out += "\n";
    std::size_t start = 0;
    while (true) {
        auto nl = data.find('\n', start);
        out += "data: ";
        out += data.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        out += "\n";
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    out += "\n";
    return out;
}

SseStream::SseStream(int fd, const std::string& requestId) : fd_(fd) {
    write("HTTP/1.1 200 OK\r\n"
          "Content-Type: text/event-stream\r\n"
          "Cache-Control: no-cache\r\n"
          "X-Accel-Buffering: no\r\n"
          "X-Request-Id: " + requestId + "\r\n"
          "Connection: close\r\n"
          "Transfer-Encoding: chunked\r\n\r\n");
}

SseStream::~SseStream() {
    close();
    ::close(fd_);
}

bool SseStream::open() {
    if (closed_) return false;
    pollfd p{fd_, POLLRDHUP, 0};
    if (::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))) closed_ = true;
    return !closed_;
}

bool SseStream::flushPending() {
    while (!backlog_.empty()) {
        auto n = ::send(fd_, backlog_.data(), backlog_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            backlog_.erase(0, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return backlog_.size() <= kMaxBacklog;
        closed_ = true;
        return false;
    }
    return true;
}

bool SseStream::write(std::string_view bytes) {
    if (closed_) return false;
    backlog_.append(bytes);
    if (!flushPending()) closed_ = true;
    return !closed_;
}

bool SseStream::writeChunk(const std::string& text) {
    return write(hex(text.size()) + "\r\n" + text + "\r\n");
}

bool SseStream::event(std::string_view name, std::optional<std::int64_t> id, std::string_view data) {
    return writeChunk(formatSseEvent(name, id, data));
}

bool SseStream::event(std::string_view name, std::string_view id, std::string_view data) {
    return writeChunk(formatSseEvent(name, id, data));
}

bool SseStream::comment(std::string_view text) { return writeChunk(": " + std::string(text) + "\n\n"); }

// The end chunk gets up to a second to leave (a slow client's backlog), then the socket is shut
// down, which also tells Pistache the connection is over.
void SseStream::close() {
    if (closed_) return;
    backlog_ += "0\r\n\r\n";
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (flushPending() && !backlog_.empty() && std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd_, POLLOUT, 0};
        ::poll(&p, 1, 100);
    }
    closed_ = true;
    ::shutdown(fd_, SHUT_RDWR);
}

std::shared_ptr<SseStream> openSseStream(Pistache::Tcp::Peer& peer, const std::string& requestId) {
    int fd = ::fcntl(peer.fd(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return nullptr;
    auto stream = std::make_shared<SseStream>(fd, requestId);
    stream->comment("connected");
    return stream;
}

}  // namespace rivetr::api
