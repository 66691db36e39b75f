// OpenSSL 3 EVP implementation of the ACME key operations (no deprecated EC_KEY calls).
#include "proxy/acme_key.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <stdexcept>

#include "core/crypto.hpp"

namespace rivetr::proxy::acme {
namespace {

template <class T, void (*F)(T*)>
struct Deleter {
    void operator()(T* p) const { F(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

std::string b64u(const unsigned char* p, std::size_t n) { return crypto::base64UrlEncode(p, n); }

std::string bnFixed(const BIGNUM* bn, int len) {
    std::vector<unsigned char> buf(static_cast<std::size_t>(len));
    if (BN_bn2binpad(bn, buf.data(), len) != len) throw std::runtime_error("EC coordinate too large");
    return b64u(buf.data(), buf.size());
}

std::string coordinate(EVP_PKEY* k, const char* name) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(k, name, &raw) != 1) throw std::runtime_error("cannot read EC public key");
    BnPtr bn(raw);
    return bnFixed(bn.get(), 32);
}

}  // namespace

EcKey EcKey::generate() {
    EVP_PKEY* k = EVP_EC_gen("P-256");
    if (!k) throw std::runtime_error("EC key generation failed");
    return EcKey(std::shared_ptr<EVP_PKEY>(k, EVP_PKEY_free));
}

EcKey EcKey::fromPem(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EVP_PKEY* k = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!k) throw std::invalid_argument("not a PEM private key");
    std::shared_ptr<EVP_PKEY> key(k, EVP_PKEY_free);
    char group[64] = {0};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1 ||
        std::string(group) != "prime256v1") {
        throw std::invalid_argument("ACME keys must be EC P-256");
    }
    return EcKey(key);
}

std::string EcKey::toPem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

std::string EcKey::jwkJson() const {
    return R"({"crv":"P-256","kty":"EC","x":")" + coordinate(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X) + R"(","y":")" +
           coordinate(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y) + R"("})";
}

std::string EcKey::thumbprint() const {
    const auto jwk = jwkJson();
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(jwk.data(), jwk.size(), md, &n, EVP_sha256(), nullptr);
    return b64u(md, n);
}

std::string EcKey::signEs256(const std::string& data) const {
    std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
    std::size_t derLen = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &derLen, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
        throw std::runtime_error("ES256 signing failed");
    }
    std::vector<unsigned char> der(derLen);
    if (EVP_DigestSign(ctx.get(), der.data(), &derLen, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
        throw std::runtime_error("ES256 signing failed");
    }
    const unsigned char* p = der.data();
    std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(derLen)));
    if (!sig) throw std::runtime_error("ES256 signature not DER");
    unsigned char raw[64];
    BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), raw, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), raw + 32, 32);
    return b64u(raw, sizeof raw);
}

std::string EcKey::csrForDomain(const std::string& domain) const {
    std::unique_ptr<X509_REQ, Deleter<X509_REQ, X509_REQ_free>> req(X509_REQ_new());
    X509_REQ_set_version(req.get(), 0);
    X509_NAME* name = X509_REQ_get_subject_name(req.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(domain.c_str()), -1, -1, 0);
    X509_REQ_set_pubkey(req.get(), key_.get());
    STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
    const std::string san = "DNS:" + domain;
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, san.c_str());
    if (!ext) {
        sk_X509_EXTENSION_free(exts);
        throw std::invalid_argument("cannot build a CSR for '" + domain + "'");
    }
    sk_X509_EXTENSION_push(exts, ext);
    X509_REQ_add_extensions(req.get(), exts);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    if (X509_REQ_sign(req.get(), key_.get(), EVP_sha256()) <= 0) throw std::runtime_error("CSR signing failed");
    unsigned char* der = nullptr;
    int n = i2d_X509_REQ(req.get(), &der);
    if (n <= 0) throw std::runtime_error("CSR encoding failed");
    std::string out = b64u(der, static_cast<std::size_t>(n));
    OPENSSL_free(der);
    return out;
}

}  // namespace rivetr::proxy::acme
