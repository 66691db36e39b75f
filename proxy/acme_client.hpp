// ACME v2 (RFC 8555) client: account, one order per domain, HTTP-01 answered by the proxy, finalize, download.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "proxy/acme_key.hpp"
#include "proxy/acme_transport.hpp"
#include "proxy/challenges.hpp"

namespace rivetr::proxy::acme {

struct AcmeOptions {
    std::string directoryUrl = "https://acme-v02.api.letsencrypt.org/directory";
    std::string email;
    std::string caBundle;  // extra CA for the directory (pebble in tests)
    std::chrono::milliseconds pollInterval{500};
    std::chrono::milliseconds orderTimeout{120000};
};

// The CA's problem document (type + detail) or a transport failure, for logs and the API.
class AcmeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct IssuedCert {
    std::string certChainPem;
    std::string keyPem;
};

class AcmeClient {
public:
    AcmeClient(AcmeOptions opts, EcKey accountKey, Challenges& challenges);
    // Orders, validates (HTTP-01), finalizes and downloads a certificate for exactly `domain`.
    // Thread-safe; throws AcmeError.
    IssuedCert issue(const std::string& domain);

private:
    struct Reply {
        HttpReply http;
        nlohmann::json json;
    };
    void ensureDirectory();
    void ensureAccount();
    std::string takeNonce();
    // JWS-signed POST; `payload` nullopt = POST-as-GET. Retries badNonce with the fresh nonce.
    Reply post(const std::string& url, const std::optional<nlohmann::json>& payload);
    nlohmann::json pollUntil(const std::string& url, const std::string& what);
    void validate(const std::string& authzUrl);

    AcmeOptions opts_;
    EcKey key_;
    Challenges& challenges_;
    Transport transport_;
    std::recursive_mutex mu_;
    nlohmann::json directory_;
    std::string kid_;
    std::string nonce_;
};

}  // namespace rivetr::proxy::acme
