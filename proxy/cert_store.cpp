// SNI selection: SSL_CTX_set_tlsext_servername_callback switches the connection to the domain's SSL_CTX.
#include "proxy/cert_store.hpp"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <stdexcept>

#include "proxy/route_table.hpp"

namespace rivetr::proxy {
namespace ssl = boost::asio::ssl;

namespace {
std::int64_t certNotAfter(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> x(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!x) throw std::invalid_argument("certificate is not PEM");
    std::tm tm{};
    if (ASN1_TIME_to_tm(X509_get0_notAfter(x.get()), &tm) != 1) throw std::invalid_argument("certificate expiry unreadable");
    return static_cast<std::int64_t>(timegm(&tm));
}
}  // namespace

std::shared_ptr<ssl::context> makeServerContext() {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use |
                     SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx->native_handle(), "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!RC4");
    return ctx;
}

CertStore::CertStore() : default_(makeServerContext()), map_(std::make_shared<const Map>()) {
    // The OpenSSL macro hides a C-style cast; spell the call out.
    SSL_CTX_callback_ctrl(default_->native_handle(), SSL_CTRL_SET_TLSEXT_SERVERNAME_CB,
                          reinterpret_cast<void (*)()>(&CertStore::onServerName));
    SSL_CTX_set_tlsext_servername_arg(default_->native_handle(), this);
}

void CertStore::set(const std::string& domain, const std::string& certChainPem, const std::string& keyPem) {
    auto ctx = makeServerContext();
    try {
        ctx->use_certificate_chain(boost::asio::buffer(certChainPem));
        ctx->use_private_key(boost::asio::buffer(keyPem), ssl::context::pem);
    } catch (const std::exception&) {
        throw std::invalid_argument("certificate or key for " + domain + " is not valid PEM");
    }
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
        throw std::invalid_argument("key does not match the certificate for " + domain);
    }
    Entry e{ctx, certNotAfter(certChainPem)};
    std::lock_guard lock(writerMu_);
    auto next = std::make_shared<Map>(*map_.load());
    (*next)[normalizeHost(domain)] = std::move(e);
    map_.store(std::move(next));
}

void CertStore::remove(const std::string& domain) {
    std::lock_guard lock(writerMu_);
    auto next = std::make_shared<Map>(*map_.load());
    next->erase(normalizeHost(domain));
    map_.store(std::move(next));
}

bool CertStore::has(const std::string& domain) const { return map_.load()->count(normalizeHost(domain)) > 0; }

std::optional<std::int64_t> CertStore::notAfter(const std::string& domain) const {
    auto m = map_.load();
    auto it = m->find(normalizeHost(domain));
    if (it == m->end()) return std::nullopt;
    return it->second.notAfter;
}

const CertStore::Entry* CertStore::lookup(const Map& m, std::string_view rawHost) const {
    auto host = normalizeHost(rawHost);
    if (auto it = m.find(host); it != m.end()) return &it->second;
    // A wildcard certificate covers exactly one label.
    if (auto dot = host.find('.'); dot != std::string::npos) {
        if (auto it = m.find("*" + host.substr(dot)); it != m.end()) return &it->second;
    }
    return nullptr;
}

int CertStore::onServerName(SSL* ssl, int* alert, void* arg) {
    auto* self = static_cast<CertStore*>(arg);
    const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    if (!name) {
        *alert = SSL_AD_UNRECOGNIZED_NAME;
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    }
    auto m = self->map_.load();
    const Entry* e = self->lookup(*m, name);
    if (!e) {
        *alert = SSL_AD_UNRECOGNIZED_NAME;
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    }
    // SSL_set_SSL_CTX takes its own reference, so a later swap cannot free the context under us.
    SSL_set_SSL_CTX(ssl, e->ctx->native_handle());
    return SSL_TLSEXT_ERR_OK;
}

}  // namespace rivetr::proxy
