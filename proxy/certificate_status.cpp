// Domain certificate state: the facts the proxy holds (installed expiry, ACME failures) reduced to one word.
#include "proxy/certificate_status.hpp"

namespace rivetr::proxy {
namespace {

std::string stateOf(const CertFacts& f) {
    if (!f.tls) return "none";
    if (f.notAfter) {
        if (*f.notAfter <= f.nowSec) return "expired";
        return *f.notAfter - f.nowSec <= f.renewBeforeSec && f.acme ? "renewing" : "valid";
    }
    if (f.domain.rfind("*.", 0) == 0) return "wildcard";  // HTTP-01 cannot prove a wildcard
    if (!f.acme) return "none";
    return f.failure ? "failed" : "pending";
}

}  // namespace

CertificateStatus certificateStatus(const CertFacts& facts) {
    CertificateStatus s;
    s.domain = facts.domain;
    s.state = stateOf(facts);
    if (!facts.tls) return s;
    s.notAfter = facts.notAfter;
    if (facts.acme && facts.failure) {
        s.error = facts.failure->error;
        s.retryAt = facts.failure->retryAt;
    }
    return s;
}

}  // namespace rivetr::proxy
