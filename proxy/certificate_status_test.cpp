// Each certificate state a user can meet, from the facts that lead to it.
#include "proxy/certificate_status.hpp"

#include <gtest/gtest.h>

namespace rivetr::proxy {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kDay = 24 * 3600;

CertFacts facts(std::string domain = "app.example.com") {
    CertFacts f;
    f.domain = std::move(domain);
    f.tls = true;
    f.acme = true;
    f.nowSec = kNow;
    return f;
}

TEST(CertificateStatus, PlainHttpProxyHasNoCertificates) {
    auto f = facts();
    f.tls = false;
    f.notAfter = kNow + 90 * kDay;
    auto s = certificateStatus(f);
    EXPECT_EQ(s.state, "none");
    EXPECT_FALSE(s.notAfter);
}

TEST(CertificateStatus, ValidRenewingAndExpiredFollowTheExpiry) {
    auto f = facts();
    f.notAfter = kNow + 60 * kDay;
    EXPECT_EQ(certificateStatus(f).state, "valid");
    f.notAfter = kNow + 10 * kDay;
    EXPECT_EQ(certificateStatus(f).state, "renewing");
    f.acme = false;  // a certificate installed by hand is never renewed by us: it is just valid until it is not
    EXPECT_EQ(certificateStatus(f).state, "valid");
    f.notAfter = kNow - 1;
    EXPECT_EQ(certificateStatus(f).state, "expired");
}

TEST(CertificateStatus, MissingCertificateIsPendingFailedOrNone) {
    auto f = facts();
    EXPECT_EQ(certificateStatus(f).state, "pending");
    f.failure = CertFailure{2, kNow + 120, "urn:ietf:params:acme:error:connection: refused"};
    auto s = certificateStatus(f);
    EXPECT_EQ(s.state, "failed");
    EXPECT_EQ(s.error, "urn:ietf:params:acme:error:connection: refused");
    EXPECT_EQ(s.retryAt, kNow + 120);
    f.acme = false;
    EXPECT_EQ(certificateStatus(f).state, "none");
    EXPECT_FALSE(certificateStatus(f).error) << "an ACME error was shown while ACME is off";
}

TEST(CertificateStatus, FailedRenewalKeepsTheValidCertificateAndSaysWhy) {
    auto f = facts();
    f.notAfter = kNow + 5 * kDay;
    f.failure = CertFailure{1, kNow + 60, "rate limited"};
    auto s = certificateStatus(f);
    EXPECT_EQ(s.state, "renewing");
    EXPECT_EQ(s.error, "rate limited");
    EXPECT_EQ(s.notAfter, kNow + 5 * kDay);
}

TEST(CertificateStatus, WildcardsCannotBeOrderedOverHttp01) {
    EXPECT_EQ(certificateStatus(facts("*.example.com")).state, "wildcard");
    auto f = facts("*.example.com");
    f.notAfter = kNow + 60 * kDay;  // unless one was installed by hand
    EXPECT_EQ(certificateStatus(f).state, "valid");
}

}  // namespace
}  // namespace rivetr::proxy
