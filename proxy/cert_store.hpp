// Certificates by domain for SNI, swapped atomically like routes so a renewal needs no restart.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/ssl/context.hpp>

namespace rivetr::proxy {

class CertStore {
public:
    CertStore();
    // Installs (or replaces) the certificate chain and key for `domain` ("*.x.com" allowed).
    // Throws std::invalid_argument when the PEM is unusable or the key does not match; nothing changes then.
    void set(const std::string& domain, const std::string& certChainPem, const std::string& keyPem);
    void remove(const std::string& domain);
    bool has(const std::string& domain) const;
    // Seconds-since-epoch expiry of the installed certificate, if any.
    std::optional<std::int64_t> notAfter(const std::string& domain) const;

    // The context TLS connections start on; its SNI callback switches to the domain's context.
    boost::asio::ssl::context& serverContext() { return *default_; }

private:
    struct Entry {
        std::shared_ptr<boost::asio::ssl::context> ctx;
        std::int64_t notAfter = 0;
    };
    using Map = std::map<std::string, Entry, std::less<>>;
    static int onServerName(SSL* ssl, int* alert, void* arg);
    const Entry* lookup(const Map& m, std::string_view host) const;

    std::shared_ptr<boost::asio::ssl::context> default_;
    std::mutex writerMu_;
    std::atomic<std::shared_ptr<const Map>> map_;
};

// A server context with Rivetr's TLS policy (TLS 1.2+, no compression/renegotiation, sane ciphers).
std::shared_ptr<boost::asio::ssl::context> makeServerContext();

}  // namespace rivetr::proxy
