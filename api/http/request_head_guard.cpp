// Watches one connection's bytes as they arrive so a body over its route's limit is refused from the
// headers (413 before the body is read) and a head that never ends is refused (431).
#include "api/http/request_head_guard.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "proxy/ascii.hpp"  // header-only ASCII helpers for protocol text

namespace rivetr::api {
namespace {

using proxy::asciiIEquals;
using proxy::trimOws;

constexpr std::string_view kHeadEnd = "\r\n\r\n";

bool startsWithCollapsed(std::string_view path, std::string_view prefix) {
    std::size_t i = 0;
    for (char c : prefix) {
        if (i >= path.size() || path[i] != c) return false;
        ++i;
        if (c == '/') {
            while (i < path.size() && path[i] == '/') ++i;  // "//webhooks//x" routes like "/webhooks/x"
        }
    }
    return true;
}

// The path of the request line ("POST /webhooks/github?x=1 HTTP/1.1" → "/webhooks/github").
std::string_view requestPath(std::string_view head) {
    auto line = head.substr(0, head.find("\r\n"));
    auto start = line.find(' ');
    if (start == std::string_view::npos) return {};
    auto target = line.substr(start + 1);
    target = target.substr(0, target.find(' '));
    return target.substr(0, target.find('?'));
}

struct BodyFraming {
    std::optional<std::size_t> contentLength;  // nullopt: absent
    bool badContentLength = false;
};

BodyFraming bodyFraming(std::string_view head) {
    BodyFraming framing;
    auto pos = head.find("\r\n");
    while (pos != std::string_view::npos && pos + 2 < head.size()) {
        auto next = head.find("\r\n", pos + 2);
        auto line = head.substr(pos + 2, next == std::string_view::npos ? std::string_view::npos : next - pos - 2);
        pos = next;
        auto colon = line.find(':');
        if (colon == std::string_view::npos || !asciiIEquals(line.substr(0, colon), "content-length")) continue;
        auto value = trimOws(line.substr(colon + 1));
        std::size_t n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        bool valid = ec == std::errc() && end == value.data() + value.size() && !value.empty();
        // Two different lengths are a smuggling attempt; either way the body's size is unknown.
        if (!valid || (framing.contentLength && *framing.contentLength != n)) framing.badContentLength = true;
        framing.contentLength = n;
    }
    return framing;
}

Refusal tooLarge(const std::string& what, std::size_t limit) {
    return {413, "payload_too_large", what + " is larger than the " + std::to_string(limit) + " bytes this route accepts",
            ""};
}

}  // namespace

std::size_t BodyLimits::forPath(std::string_view path) const {
    std::size_t best = 0;
    std::size_t limit = defaultBytes;
    for (const auto& p : byPrefix) {
        if (p.path.size() > best && startsWithCollapsed(path, p.path)) {
            best = p.path.size();
            limit = p.maxBytes;
        }
    }
    return limit;
}

// "/api/volumes/:name/restore" matches "/api/volumes/pg/restore" (repeated slashes count as one).
bool BodyLimits::streamed(std::string_view path) const {
    auto segments = [](std::string_view p) {
        std::vector<std::string_view> out;
        for (std::size_t i = 0; i < p.size();) {
            auto end = std::min(p.find('/', i), p.size());
            if (end > i) out.push_back(p.substr(i, end - i));
            i = end + 1;
        }
        return out;
    };
    auto have = segments(path);
    for (const auto& pattern : streamedBodies) {
        auto want = segments(pattern);
        bool match = want.size() == have.size();
        for (std::size_t i = 0; match && i < want.size(); ++i) match = want[i].front() == ':' || want[i] == have[i];
        if (match) return true;
    }
    return false;
}

std::size_t BodyLimits::largest() const {
    std::size_t most = defaultBytes;
    for (const auto& p : byPrefix) most = std::max(most, p.maxBytes);
    return most;
}

std::optional<Refusal> RequestHeadGuard::inspect(const char* data, std::size_t len) {
    if (!inHead_) {
        bodySeen_ += len;
        return checkBody();
    }
    auto before = head_.size();
    auto searchFrom = before < kHeadEnd.size() ? 0 : before - (kHeadEnd.size() - 1);
    head_.append(data, std::min(len, maxHead_ + 1 - std::min(before, maxHead_ + 1)));  // never more than needed
    auto end = head_.find(kHeadEnd, searchFrom);
    if (end == std::string::npos || end + kHeadEnd.size() > maxHead_) {
        if (head_.size() <= maxHead_) return std::nullopt;
        return Refusal{431, "headers_too_large",
                       "the request line and headers are larger than " + std::to_string(maxHead_) + " bytes", ""};
    }
    auto headEnd = end + kHeadEnd.size();
    bodySeen_ = len - (headEnd - before);  // the bytes of this read past the head are the body's first
    return headComplete(headEnd);
}

std::optional<Refusal> RequestHeadGuard::headComplete(std::size_t headEnd) {
    std::string_view head(head_.data(), headEnd);
    inHead_ = false;
    bodyLimit_ = limits_->forPath(requestPath(head));
    auto framing = bodyFraming(head);
    if (framing.badContentLength) {
        return Refusal{400, "invalid", "Content-Length must be one non-negative number", "Content-Length"};
    }
    if (limits_->streamed(requestPath(head))) {
        if (!framing.contentLength) {
            return Refusal{411, "length_required", "this route takes a body with a Content-Length", "Content-Length"};
        }
        streamed_ = true;
        headEnd_ = headEnd;
        contentLength_ = *framing.contentLength;
        return std::nullopt;
    }
    if (framing.contentLength) {
        if (*framing.contentLength <= bodyLimit_) {
            // Pistache stops reading this request at the declared length: nothing more to count.
            bodyLimit_ = std::numeric_limits<std::size_t>::max();
            return std::nullopt;
        }
        return tooLarge("the request body (" + std::to_string(*framing.contentLength) + " bytes)", bodyLimit_);
    }
    return checkBody();
}

// A chunked body's size is known only as it arrives: its bytes on the wire (framing included) count.
std::optional<Refusal> RequestHeadGuard::checkBody() const {
    if (bodySeen_ <= bodyLimit_) return std::nullopt;
    return tooLarge("the request body", bodyLimit_);
}

void RequestHeadGuard::requestDone() {
    inHead_ = true;
    head_.clear();
    bodySeen_ = 0;
    bodyLimit_ = 0;
    streamed_ = false;
    headEnd_ = 0;
    contentLength_ = 0;
}

}  // namespace rivetr::api
