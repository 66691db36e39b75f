// Who is on the other end: the TCP peer, or — only when the request came through our own proxy — the
// address the proxy put in X-Forwarded-For (and whether it received the request over TLS).
#pragma once

#include <string>
#include <vector>

namespace rivetr::api {

struct ClientAddress {
    std::string ip;
    bool viaTls = false;  // X-Forwarded-Proto: https from a trusted proxy
};

// `trustedProxies`: peer addresses whose forwarding headers count; only loopback addresses are
// ever honoured (the proxy runs in this process), whatever the list says. `proxyMarked`: the request
// carries our proxy's per-process mark (core/proxy_mark.hpp); without it the headers are ignored
// even from loopback, since any local process is a loopback peer. `forwardedFor`/`forwardedProto`:
// the raw header values ("" if absent).
ClientAddress resolveClientAddress(const std::string& peer, const std::string& forwardedFor,
                                   const std::string& forwardedProto, const std::vector<std::string>& trustedProxies,
                                   bool proxyMarked);

bool isLoopback(const std::string& ip);

}  // namespace rivetr::api
