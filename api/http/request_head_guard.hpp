// Watches one connection's bytes as they arrive so a body over its route's limit is refused from the
// headers (413 before the body is read) and a head that never ends is refused (431), before Pistache
// buffers any of it.
#pragma once

#include <cstddef>
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

    // `path` is the request target without its query; repeated slashes count as one, as in routing.
    std::size_t forPath(std::string_view path) const;
    std::size_t largest() const;
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

private:
    std::optional<Refusal> headComplete(std::size_t headEnd);
    std::optional<Refusal> checkBody() const;

    const BodyLimits* limits_;
    std::size_t maxHead_;
    bool inHead_ = true;
    std::string head_;          // the head so far (never more than maxHead_ plus one read)
    std::size_t bodySeen_ = 0;  // body bytes passed, chunk framing included
    std::size_t bodyLimit_ = 0;
};

}  // namespace rivetr::api
