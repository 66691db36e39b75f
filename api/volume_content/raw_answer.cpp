// An HTTP answer written straight onto a connection taken from Pistache: for bodies streamed as they are made.
#include "api/volume_content/raw_answer.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

namespace rivetr::api {
namespace {

constexpr int kStallMs = 60000;  // a client that takes nothing for a minute is gone

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 404: return "Not Found";
        case 409: return "Conflict";
        case 503: return "Service Unavailable";
        default: return status < 500 ? "Client Error" : "Server Error";
    }
}

}  // namespace

std::string safeFilename(std::string_view name) {
    std::string out;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                  c == '_';
        out += ok ? c : '_';
    }
    return out.empty() ? "download" : out;
}

RawAnswer::RawAnswer(int fd, std::string contentType, std::string filename)
    : fd_(fd), contentType_(std::move(contentType)), filename_(safeFilename(filename)) {}

RawAnswer::~RawAnswer() { ::close(fd_); }

void RawAnswer::send(std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n > 0) {
            data.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{fd_, POLLOUT, 0};
            if (::poll(&p, 1, kStallMs) > 0 && !(p.revents & (POLLERR | POLLHUP))) continue;
        }
        throw std::runtime_error("the client went away");
    }
}

void RawAnswer::head(int status, const std::string& type, const std::string& extra) {
    started_ = true;
    send("HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\nContent-Type: " + type +
         "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n"
         "Content-Security-Policy: default-src 'none'\r\nConnection: close\r\n" +
         extra + "\r\n");
}

// Chunked, so a body cut short (a failure half-way) is told apart from a complete one by every client.
void RawAnswer::write(std::string_view data) {
    if (!started_) {
        head(200, contentType_,
             "Content-Disposition: attachment; filename=\"" + filename_ + "\"\r\nTransfer-Encoding: chunked\r\n");
    }
    if (data.empty()) return;  // an empty chunk would end the body
    char size[20];
    int n = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    send(std::string_view(size, static_cast<std::size_t>(n)));
    send(data);
    send("\r\n");
}

void RawAnswer::finish() {
    write({});
    send("0\r\n\r\n");
    ::shutdown(fd_, SHUT_WR);
}

void RawAnswer::fail(const Reply& error) {
    if (started_) {
        ::shutdown(fd_, SHUT_RDWR);  // a cut body, never one that looks complete
        return;
    }
    try {
        head(error.status, error.contentType, "Content-Length: " + std::to_string(error.body.size()) + "\r\n");
        send(error.body);
        ::shutdown(fd_, SHUT_WR);
    } catch (const std::exception&) {
    }
}

}  // namespace rivetr::api
