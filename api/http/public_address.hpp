// Where users and git providers reach this server from outside (the dashboard builds app and webhook URLs).
#pragma once

#include <cstdint>
#include <string>

namespace rivetr::api {

struct PublicAddress {
    std::uint16_t httpPort = 80;    // the proxy's plain HTTP listener
    std::uint16_t httpsPort = 443;  // its HTTPS listener, when `tls`
    bool tls = false;               // the proxy serves HTTPS (ACME on): domains with a certificate
    std::string publicUrl;          // [server] public_url; empty: unset
    // The control API's own address ("http://127.0.0.1:8080"): where a test delivery goes while
    // public_url is unset (proving the secret, not the reachability); empty: no test without public_url.
    std::string selfUrl;
};

}  // namespace rivetr::api
