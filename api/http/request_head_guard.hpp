// Watches one connection's bytes as they arrive so a body over its route's limit is refused from the
// headers (413 before the body is read) and a head that never ends is refused (431), before Pistache
// buffers any of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::api {

// The largest request body each path accepts: the longest matching prefix wins, else `defaultBytes`.
struct BodyLimits {
    struct Prefix {
        std::string path;  // e.g. "/webhooks/"
        std::size_t maxBytes;
    };
    std::size_t defaultBytes = 4 * 1024 * 1024;  // app settings, env sets: small JSON documents
    std::vector<Prefix> byPrefix;
    // Route patterns ("/api/volumes/:name/restore") whose body is streamed to the route as it arrives
    // (api/http/streamed_body.hpp) instead of being buffered: no size limit, Content-Length required.
    std::vector<std::string> streamedBodies = {};

    // `path` is the request target without its query; repeated slashes count as one, as in routing.
    std::size_t forPath(std::string_view path) const;
    std::size_t largest() const;
    bool streamed(std::string_view path) const;
};

// A client error the guard answers instead of letting the request through.
struct Refusal {
    int status;
    std::string code;
    std::string message;
    std::string field;
};

// One per connection. Requests on a connection follow each other (Pistache does not pipeline), so
// the guard only needs to know whether it is in a head or a body and how much of it has passed.
class RequestHeadGuard {
public:
    RequestHeadGuard(const BodyLimits& limits, std::size_t maxHeadBytes) : limits_(&limits), maxHead_(maxHeadBytes) {}

    // The next bytes of the connection; a refusal means: answer it and read nothing more of this request.
    std::optional<Refusal> inspect(const char* data, std::size_t len);
    // Pistache finished parsing a request: the next bytes start a new one.
    void requestDone();
    // No byte of the next request has arrived yet.
    bool atRequestStart() const { return inHead_ && head_.empty(); }

    // After inspect() completed a head whose route streams its body: the head, the declared length, and
    // how many bytes at the end of the last read were already the body's.
    bool streamedBody() const { return streamed_; }
    std::string_view head() const { return std::string_view(head_).substr(0, headEnd_); }
    std::uint64_t contentLength() const { return contentLength_; }
    std::size_t bodyBytesInLastRead() const { return bodySeen_; }

private:
    std::optional<Refusal> headComplete(std::size_t headEnd);
    std::optional<Refusal> checkBody() const;

    const BodyLimits* limits_;
    std::size_t maxHead_;
    bool inHead_ = true;
    std::string head_;          // the head so far (never more than maxHead_ plus one read)
    std::size_t bodySeen_ = 0;  // body bytes passed, chunk framing included
    std::size_t bodyLimit_ = 0;
    bool streamed_ = false;
    std::size_t headEnd_ = 0;
    std::uint64_t contentLength_ = 0;
};

}  // namespace rivetr::api
