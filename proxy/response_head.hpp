// The common upstream answer (a whole Content-Length header in the first read) rewritten for the client straight from its bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rivetr::proxy {

// What the relay needs of a simple response once its header is rewritten.
struct SimpleResponse {
    int status = 0;
    std::size_t headLength = 0;  // bytes of the upstream's header, its blank line included
    std::uint64_t contentLength = 0;
    bool upstreamKeepAlive = false;
};

// Beast's parser costs ~4k instructions per answer (a validating pass per field, an allocation per
// field, tree lookups for the framing fields, and a second pass to write them out again). When
// `bytes` starts with a complete header that is simple, this reads it in one pass and appends to
// `out` what Beast's path would have written for it: an HTTP/1.1 status line with the upstream's
// reason, every field in order and spelling except the hop-by-hop ones, and "Connection: close"
// when the client's connection is not kept.
//
// Simple means: HTTP/1.0 or 1.1, a status 200-599 other than 204 and 304, exactly one
// Content-Length, no Transfer-Encoding, Connection tokens only "close"/"keep-alive", no obs-fold,
// only legal bytes, at most `maxHeaderBytes`. Anything else, or a header not complete yet,
// answers nullopt with `out` unchanged: Beast's parser then reads it and rejects what is malformed.
// The caller keeps HEAD requests (no body whatever Content-Length says) and upgrades off this path.
std::optional<SimpleResponse> rewriteSimpleResponse(std::string_view bytes, bool clientKeepAlive, std::string& out,
                                                    std::size_t maxHeaderBytes = 8192);

}  // namespace rivetr::proxy
