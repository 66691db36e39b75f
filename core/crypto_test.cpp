// Crypto primitives against known vectors, and AES-GCM refusing tampered or misplaced ciphertext.
#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace rivetr::crypto {
namespace {

TEST(Crypto, Sha256KnownVector) {
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, HmacSha256Rfc4231Case2) {
    auto mac = hmacSha256("Jefe", "what do ya want for nothing?");
    EXPECT_EQ(toHex(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, HexRoundTripAndRejectsGarbage) {
    Bytes b{0x00, 0x7f, 0xff};
    EXPECT_EQ(toHex(b), "007fff");
    EXPECT_EQ(*fromHex("007FFF"), b);
    EXPECT_FALSE(fromHex("0g"));
    EXPECT_FALSE(fromHex("abc"));
}

TEST(Crypto, Base64UrlRoundTrip) {
    for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\xff\xfe\x00", 3)}) {
        auto enc = base64UrlEncode(s);
        EXPECT_EQ(enc.find('='), std::string::npos);
        EXPECT_EQ(*base64UrlDecode(enc), s);
    }
    EXPECT_EQ(base64UrlEncode("foobar"), "Zm9vYmFy");
    EXPECT_FALSE(base64UrlDecode("a*b"));
}

TEST(Crypto, ConstantTimeEqual) {
    EXPECT_TRUE(constantTimeEqual("secret", "secret"));
    EXPECT_FALSE(constantTimeEqual("secret", "secreT"));
    EXPECT_FALSE(constantTimeEqual("secret", "secrets"));
}

TEST(Crypto, SealOpenRoundTripWithFreshNonces) {
    auto key = *keyFromHex(std::string(64, 'a'));
    auto a = seal(key, "hunter2", "env:app:DB_PASSWORD");
    auto b = seal(key, "hunter2", "env:app:DB_PASSWORD");
    EXPECT_NE(a, b);
    EXPECT_EQ(*open(key, a, "env:app:DB_PASSWORD"), "hunter2");
}

TEST(Crypto, OpenRejectsTamperingWrongKeyAndWrongPlace) {
    auto key = *keyFromHex(std::string(64, 'a'));
    auto other = *keyFromHex(std::string(64, 'b'));
    auto sealed = seal(key, "hunter2", "ad");
    EXPECT_FALSE(open(other, sealed, "ad"));
    EXPECT_FALSE(open(key, sealed, "elsewhere"));
    auto flipped = sealed;
    flipped[13] ^= 1;
    EXPECT_FALSE(open(key, flipped, "ad"));
    EXPECT_FALSE(open(key, Bytes(5), "ad"));
}

TEST(Crypto, KeyFromHexNeeds32Bytes) {
    EXPECT_FALSE(keyFromHex("abcd"));
    EXPECT_TRUE(keyFromHex(std::string(64, '0')));
}

}  // namespace
}  // namespace rivetr::crypto
