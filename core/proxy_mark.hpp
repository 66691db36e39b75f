// How the control API tells our own proxy from any other local process: a per-process random secret
// that the proxy puts in one header of the requests it forwards to the API (the dashboard route)
// and strips from every request a client sends. Only a request carrying it may speak for the client
// in X-Forwarded-For / X-Forwarded-Proto.
//
// Why not "the peer is loopback": every process on the host is a loopback peer, and any of them
// could rotate X-Forwarded-For to escape the per-address login limit. A separate source address or
// port would not help either (any process can bind 127.0.0.2 or race for a port). The secret lives
// only in this process's memory, is new on every start, never touches disk, a log or a response,
// and is compared in constant time.
#pragma once

#include <string>
#include <string_view>

#include "core/crypto.hpp"

namespace rivetr {

inline constexpr std::string_view kProxyMarkHeader = "X-Rivetr-Proxy-Mark";

// 256 random bits in hex, made once per `rivetr serve`.
inline std::string newProxyMark() { return crypto::toHex(crypto::randomBytes(32)); }

// True only when a mark is configured and `presented` is exactly it.
inline bool isProxyMark(std::string_view presented, std::string_view expected) {
    return !expected.empty() && crypto::constantTimeEqual(presented, expected);
}

}  // namespace rivetr
