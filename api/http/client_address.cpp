// Who is on the other end: the TCP peer, or — only when the request came through our own proxy — the
// address the proxy put in X-Forwarded-For (and whether it received the request over TLS).
#include "api/http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace rivetr::api {
namespace {

std::string trim(std::string s) {
    auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

bool isIpLiteral(const std::string& s) {
    unsigned char buf[sizeof(in6_addr)];
    return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

std::string unmapped(const std::string& ip) {
    static const std::string kMapped = "::ffff:";
    return ip.rfind(kMapped, 0) == 0 ? ip.substr(kMapped.size()) : ip;
}

}  // namespace

bool isLoopback(const std::string& ip) {
    auto v = unmapped(ip);
    return v == "::1" || (v.rfind("127.", 0) == 0 && isIpLiteral(v));
}

ClientAddress resolveClientAddress(const std::string& peer, const std::string& forwardedFor,
                                   const std::string& forwardedProto, const std::vector<std::string>& trustedProxies,
                                   bool proxyMarked) {
    auto ip = unmapped(peer);
    bool trusted = proxyMarked && isLoopback(ip) && std::find(trustedProxies.begin(), trustedProxies.end(), ip) != trustedProxies.end();
    if (!trusted) return {ip, false};
    // The proxy appends the address it saw to whatever the client sent, so only the last entry
    // is the proxy's word; earlier ones are the client's claims.
    auto comma = forwardedFor.rfind(',');
    auto last = trim(comma == std::string::npos ? forwardedFor : forwardedFor.substr(comma + 1));
    return {isIpLiteral(last) ? unmapped(last) : ip, trim(forwardedProto) == "https"};
}

}  // namespace rivetr::api
