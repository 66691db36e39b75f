// Header rewriting between client and upstream: hop-by-hop removal and the X-Forwarded-* / X-Request-Id additions.
#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http/fields.hpp>

namespace rivetr::proxy {

struct ForwardInfo {
    std::string clientIp;
    bool tls = false;
    std::string_view host;  // the Host the client asked for
};

// Removes Connection, Keep-Alive, Proxy-*, TE, Trailer, Upgrade and every header named in
// Connection. Transfer-Encoding is left to Beast's serializer (it re-frames the body itself).
// With `keepUpgrade` the Upgrade/Connection pair survives (WebSocket handshake).
void stripHopByHop(boost::beast::http::fields& f, bool keepUpgrade);

// Appends the client to X-Forwarded-For, sets X-Forwarded-Proto/Host and, when absent, X-Request-Id.
void addForwarded(boost::beast::http::fields& f, const ForwardInfo& info);

// A random 128-bit request id in hex (fast, not for secrets).
std::string newRequestId();

bool isIdempotent(boost::beast::http::verb method);

// "websocket" (or any Upgrade) asked for with Connection: upgrade.
bool wantsUpgrade(const boost::beast::http::fields& f);

}  // namespace rivetr::proxy
