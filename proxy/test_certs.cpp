// Certificate generation for tests only; production certificates come from ACME.
#include "proxy/test_certs.hpp"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <memory>
#include <stdexcept>

namespace rivetr::proxy::test {
namespace {

std::string bioString(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

bool isIp(const std::string& s) {
    unsigned char buf[16];
    return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

}  // namespace

PemPair selfSigned(const std::vector<std::string>& names, int days) {
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> kctx(EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* rawKey = nullptr;
    if (EVP_PKEY_keygen_init(kctx.get()) != 1 || EVP_PKEY_CTX_set_ec_paramgen_curve_nid(kctx.get(), NID_X9_62_prime256v1) != 1 ||
        EVP_PKEY_keygen(kctx.get(), &rawKey) != 1) {
        throw std::runtime_error("keygen failed");
    }
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(rawKey, EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
    X509_set_version(x.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), static_cast<long>(std::rand()) + 1);
    X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x.get()), static_cast<long>(days) * 86400);
    X509_set_pubkey(x.get(), key.get());
    X509_NAME* name = X509_get_subject_name(x.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(names.at(0).c_str()), -1, -1, 0);
    X509_set_issuer_name(x.get(), name);
    std::string san;
    for (const auto& n : names) san += (san.empty() ? "" : ",") + std::string(isIp(n) ? "IP:" : "DNS:") + n;
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x.get(), x.get(), nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name, san.c_str());
    X509_add_ext(x.get(), ext, -1);
    X509_EXTENSION_free(ext);
    X509_sign(x.get(), key.get(), EVP_sha256());

    PemPair out;
    std::unique_ptr<BIO, decltype(&BIO_free)> cb(BIO_new(BIO_s_mem()), BIO_free), kb(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(cb.get(), x.get());
    PEM_write_bio_PrivateKey(kb.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    out.certPem = bioString(cb.get());
    out.keyPem = bioString(kb.get());
    return out;
}

std::string commonName(const std::string& certPem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(certPem.data(), static_cast<int>(certPem.size())), BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> x(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!x) return {};
    char buf[256] = {0};
    X509_NAME_get_text_by_NID(X509_get_subject_name(x.get()), NID_commonName, buf, sizeof buf);
    return buf;
}

}  // namespace rivetr::proxy::test
