// A TCP client that speaks HTTP/1.1 by hand, for what curl will not send.
#include "tests/support/raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

namespace rivetr::test {
namespace {

using Clock = std::chrono::steady_clock;

// Appends what arrives before the deadline; false at the deadline or when the server closed (`closed` set).
bool readSome(int fd, std::string& into, Clock::time_point deadline, bool& closed) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    char buf[16384];
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
        closed = true;
        return false;
    }
    into.append(buf, static_cast<std::size_t>(n));
    return true;
}

RawResponse parseHead(const std::string& head) {
    RawResponse r;
    auto lineEnd = head.find("\r\n");
    auto status = head.substr(0, lineEnd);
    if (status.rfind("HTTP/1.", 0) == 0 && status.size() >= 12) r.status = std::stoi(status.substr(9, 3));
    for (auto pos = lineEnd; pos != std::string::npos && pos + 2 < head.size();) {
        auto next = head.find("\r\n", pos + 2);
        auto line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
        pos = next;
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers[name] = value;
    }
    return r;
}

}  // namespace

RawConnection::RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        if (fd_ >= 0) ::close(fd_);
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
}

RawConnection::~RawConnection() { ::close(fd_); }

bool RawConnection::send(std::string_view bytes) {
    while (!bytes.empty()) {
        auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool RawConnection::sendFiller(std::size_t total) {
    const std::string block(256 * 1024, 'a');
    for (std::size_t sent = 0; sent < total; sent += block.size()) {
        if (!send(std::string_view(block).substr(0, std::min(block.size(), total - sent)))) return false;
    }
    return true;
}

RawResponse RawConnection::readResponse(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    bool closed = false;
    std::string& in = pending_;
    std::size_t headEnd;
    while ((headEnd = in.find("\r\n\r\n")) == std::string::npos) {
        if (!readSome(fd_, in, deadline, closed)) return {};
    }
    auto response = parseHead(in.substr(0, headEnd));
    in.erase(0, headEnd + 4);
    auto length = response.headers.count("content-length") ? std::stoul(response.headers["content-length"])
                                                            : std::string::npos;
    while (in.size() < length && readSome(fd_, in, deadline, closed)) {
    }
    auto take = std::min(length, in.size());
    response.body = in.substr(0, take);
    in.erase(0, take);
    return response;
}

bool RawConnection::closedWithin(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    bool closed = false;
    std::string ignored;
    while (!closed && Clock::now() < deadline) readSome(fd_, ignored, deadline, closed);
    return closed;
}

}  // namespace rivetr::test
