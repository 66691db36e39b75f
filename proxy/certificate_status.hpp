// What a user should know about one domain's certificate, computed in one place for the API and the dashboard.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace rivetr::proxy {

// The last failed ACME order of a domain and when the next one is allowed.
struct CertFailure {
    int failures = 0;
    std::int64_t retryAt = 0;  // Unix seconds
    std::string error;
};

struct CertificateStatus {
    std::string domain;
    // valid | renewing | expired | pending | failed | wildcard | none
    std::string state;
    std::optional<std::int64_t> notAfter;  // Unix seconds of the installed certificate
    std::optional<std::string> error;      // the last order's failure (state failed, or a failed renewal)
    std::optional<std::int64_t> retryAt;   // when ACME tries again after that failure
};

struct CertFacts {
    std::string domain;
    bool tls = false;   // the proxy serves HTTPS at all
    bool acme = false;  // certificates are ordered automatically
    std::optional<std::int64_t> notAfter;
    std::optional<CertFailure> failure;
    std::int64_t nowSec = 0;
    std::int64_t renewBeforeSec = 30 * 24 * 3600;
};

// The state follows what the user sees in a browser first (a valid certificate stays "valid" or
// "renewing" even while a renewal order fails; the failure is reported beside it).
CertificateStatus certificateStatus(const CertFacts& facts);

}  // namespace rivetr::proxy
