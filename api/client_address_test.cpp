// Client address: forwarding headers count only from a trusted loopback proxy, and only their last hop.
#include "api/client_address.hpp"

#include <gtest/gtest.h>

namespace rivetr::api {
namespace {

const std::vector<std::string> kTrusted{"127.0.0.1", "::1"};

TEST(ClientAddress, ProxyOnLoopbackIsBelieved) {
    auto c = resolveClientAddress("127.0.0.1", "203.0.113.7", "https", kTrusted);
    EXPECT_EQ(c.ip, "203.0.113.7");
    EXPECT_TRUE(c.viaTls);
    EXPECT_EQ(resolveClientAddress("::1", "2001:db8::1", "http", kTrusted).ip, "2001:db8::1");
    EXPECT_FALSE(resolveClientAddress("::1", "2001:db8::1", "http", kTrusted).viaTls);
}

TEST(ClientAddress, OnlyTheLastHopCountsBecauseTheProxyAppends) {
    // The client sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the real address.
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "10.9.9.9, 198.51.100.4", "", kTrusted).ip, "198.51.100.4");
}

TEST(ClientAddress, HeadersFromAnyoneElseAreIgnored) {
    auto c = resolveClientAddress("198.51.100.20", "127.0.0.1", "https", kTrusted);
    EXPECT_EQ(c.ip, "198.51.100.20");
    EXPECT_FALSE(c.viaTls);
    // Another loopback address that is not configured, and a configured address that is not loopback.
    EXPECT_EQ(resolveClientAddress("127.0.0.2", "1.2.3.4", "", kTrusted).ip, "127.0.0.2");
    EXPECT_EQ(resolveClientAddress("10.0.0.5", "1.2.3.4", "", {"10.0.0.5"}).ip, "10.0.0.5");
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "1.2.3.4", "", {}).ip, "127.0.0.1");
}

TEST(ClientAddress, GarbageOrMissingHeaderFallsBackToThePeer) {
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "", "", kTrusted).ip, "127.0.0.1");
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "not-an-ip", "", kTrusted).ip, "127.0.0.1");
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "1.2.3.4, <script>", "", kTrusted).ip, "127.0.0.1");
    EXPECT_EQ(resolveClientAddress("::ffff:127.0.0.1", "::ffff:192.0.2.1", "", kTrusted).ip, "192.0.2.1");
}

}  // namespace
}  // namespace rivetr::api
