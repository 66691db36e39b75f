// Self-signed certificates for tests (SNI, pebble's listener), made with OpenSSL's API.
#pragma once

#include <string>
#include <vector>

namespace rivetr::proxy::test {

struct PemPair {
    std::string certPem;
    std::string keyPem;
};

// EC P-256 key, CN = first name, SAN = all names (DNS, or IP when it parses as one), valid `days`.
PemPair selfSigned(const std::vector<std::string>& names, int days = 30);

// The subject CN of a PEM or of the peer certificate of a TLS handshake (see proxy_tls_test).
std::string commonName(const std::string& certPem);

}  // namespace rivetr::proxy::test
