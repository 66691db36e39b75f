// Header rewriting between client and upstream: hop-by-hop removal and the X-Forwarded-* / X-Request-Id additions.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include <boost/beast/http/fields.hpp>

namespace rivetr::proxy {

struct ForwardInfo {
    std::string clientIp;
    bool tls = false;
    std::string_view host;  // the Host the client asked for
    // The route's mark for the control API (core/proxy_mark.hpp); empty on every other route.
    std::string_view proxyMark = {};
};

// The fields that describe one connection, never forwarded (RFC 9110 §7.6.1, plus Proxy-Connection).
// stripHopByHop removes these (its test holds it to this list); the response fast path skips them.
inline constexpr std::array<std::string_view, 8> kHopByHopFields = {
    "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "upgrade"};

// Removes Connection, Keep-Alive, Proxy-*, TE, Trailer, Upgrade and every header named in
// Connection. Transfer-Encoding is left to Beast's serializer (it re-frames the body itself).
// With `keepUpgrade` the Upgrade/Connection pair survives (WebSocket handshake).
void stripHopByHop(boost::beast::http::fields& f, bool keepUpgrade);

// What this hop sends: X-Forwarded-For with the client appended, X-Forwarded-Proto/Host of the
// client side, and an X-Request-Id unless the client brought one.
struct Forwarded {
    std::string forwardedFor;
    std::string_view proto;
    std::string_view host;
    std::array<char, 32> requestId{};
    bool newRequestId = false;  // false: the client's X-Request-Id stays as it is
    std::string_view proxyMark;  // sent as X-Rivetr-Proxy-Mark when set
};

// Removes the client's X-Forwarded-For/Proto/Host and any X-Rivetr-Proxy-Mark it sent (on every
// route: a client must never be able to present the mark) from `f`, and returns what replaces them.
Forwarded takeForwarded(boost::beast::http::fields& f, const ForwardInfo& info);
// As header lines ("Name: value\r\n"): the proxy writes the upstream request's head by hand.
void appendForwarded(std::string& out, const Forwarded& fw);

// A random 128-bit request id in hex (fast, not for secrets).
void fillRequestId(std::array<char, 32>& out);
std::string newRequestId();

bool isIdempotent(boost::beast::http::verb method);

// What the proxy reads from a request's fields, found in one pass over them: each lookup by name is
// a case-insensitive tree search in Beast, and a browser's request carries a dozen fields.
struct RequestFields {
    std::string_view host;
    std::string_view accept;
    bool hasExpect = false;
    bool expectContinue = false;  // Expect: 100-continue
    bool upgrade = false;         // an Upgrade asked for with Connection: upgrade
    int hosts = 0;                // how many Host fields: exactly one is valid (RFC 9112 §3.2)
    // Transfer-Encoding present and not exactly one field "chunked": the only coding a request may
    // carry here (RFC 9112 §6.1); anything else is refused, never forwarded.
    bool badTransferEncoding = false;
    // A request the proxy must refuse with 400 before routing it.
    bool malformed() const { return hosts != 1 || badTransferEncoding; }
};
RequestFields scanRequest(const boost::beast::http::fields& f);

// "websocket" (or any Upgrade) asked for with Connection: upgrade.
bool wantsUpgrade(const boost::beast::http::fields& f);

}  // namespace rivetr::proxy
