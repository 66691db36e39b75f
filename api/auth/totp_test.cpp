// TOTP: RFC 6238's SHA-1 test vectors, the ±1 step window, base32 round trips and the otpauth URI.
#include "api/auth/totp.hpp"

#include <gtest/gtest.h>

namespace rivetr::api::totp {
namespace {

crypto::Bytes rfcKey() {
    std::string k = "12345678901234567890";
    return {k.begin(), k.end()};
}

TEST(Totp, Rfc6238Sha1Vectors) {
    const std::vector<std::pair<std::int64_t, std::string>> vectors{
        {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
        {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
    for (const auto& [t, expected] : vectors) {
        EXPECT_EQ(code(rfcKey(), t / kStepSeconds, 8), expected) << t;
        EXPECT_EQ(code(rfcKey(), t / kStepSeconds), expected.substr(2)) << t;
    }
}

TEST(Totp, AcceptsOneStepEitherSideOnly) {
    auto key = rfcKey();
    const std::int64_t t = 1111111111;
    auto step = t / kStepSeconds;
    EXPECT_EQ(matchingStep(key, code(key, step), t), step);
    EXPECT_EQ(matchingStep(key, code(key, step - 1), t), step - 1);
    EXPECT_EQ(matchingStep(key, code(key, step + 1), t), step + 1);
    EXPECT_FALSE(matchingStep(key, code(key, step - 2), t));
    EXPECT_FALSE(matchingStep(key, code(key, step + 2), t));
    EXPECT_FALSE(matchingStep(key, "12345", t));
    EXPECT_FALSE(matchingStep(key, "abcdef", t));
    EXPECT_FALSE(matchingStep(key, "", t));
}

TEST(Totp, Base32RoundTripsAndKnownValue) {
    std::string hello = "Hello!\xde\xad\xbe\xef";
    crypto::Bytes bytes(hello.begin(), hello.end());
    EXPECT_EQ(base32Encode(bytes), "JBSWY3DPEHPK3PXP");
    EXPECT_EQ(base32Decode("jbsw y3dp ehpk 3pxp"), bytes);
    EXPECT_FALSE(base32Decode("JBSWY3DP1"));
    auto secret = newSecret();
    EXPECT_EQ(secret.size(), 32u);
    EXPECT_EQ(base32Decode(secret)->size(), 20u);
    EXPECT_NE(secret, newSecret());
}

TEST(Totp, OtpauthUriEscapesNames) {
    EXPECT_EQ(otpauthUri("Rivetr", "ann lee", "JBSWY3DPEHPK3PXP"),
              "otpauth://totp/Rivetr:ann%20lee?secret=JBSWY3DPEHPK3PXP&issuer=Rivetr&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace rivetr::api::totp
