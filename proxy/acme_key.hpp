// ECDSA P-256 keys for ACME: the account key (JWK, thumbprint, ES256 JWS signatures) and certificate keys + CSRs.
#pragma once

#include <memory>
#include <string>
#include <vector>

typedef struct evp_pkey_st EVP_PKEY;

namespace rivetr::proxy::acme {

class EcKey {
public:
    static EcKey generate();
    // Throws std::invalid_argument when the PEM is not an EC P-256 private key.
    static EcKey fromPem(const std::string& pem);
    std::string toPem() const;

    // {"crv":"P-256","kty":"EC","x":...,"y":...} with members in RFC 7638 order (also the thumbprint input).
    std::string jwkJson() const;
    // base64url(SHA-256(jwk)) — the account part of every key authorization.
    std::string thumbprint() const;
    // ES256 over `data`: raw r||s (64 bytes), base64url-encoded, as JWS wants (not DER).
    std::string signEs256(const std::string& data) const;
    // DER CSR for `domain` (CN and SAN), base64url-encoded, signed by this key.
    std::string csrForDomain(const std::string& domain) const;

private:
    explicit EcKey(std::shared_ptr<EVP_PKEY> k) : key_(std::move(k)) {}
    std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace rivetr::proxy::acme
