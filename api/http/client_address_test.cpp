// Client address: forwarding headers count only from a trusted loopback proxy whose request carries
// our proxy's mark, and only their last hop.
#include "api/http/client_address.hpp"

#include <gtest/gtest.h>

#include "core/proxy_mark.hpp"

namespace rivetr::api {
namespace {

const std::vector<std::string> kTrusted{"127.0.0.1", "::1"};

TEST(ClientAddress, ProxyOnLoopbackIsBelieved) {
    auto c = resolveClientAddress("127.0.0.1", "203.0.113.7", "https", kTrusted, true);
    EXPECT_EQ(c.ip, "203.0.113.7");
    EXPECT_TRUE(c.viaTls);
    EXPECT_EQ(resolveClientAddress("::1", "2001:db8::1", "http", kTrusted, true).ip, "2001:db8::1");
    EXPECT_FALSE(resolveClientAddress("::1", "2001:db8::1", "http", kTrusted, true).viaTls);
}

TEST(ClientAddress, OnlyTheLastHopCountsBecauseTheProxyAppends) {
    // The client sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the real address.
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "10.9.9.9, 198.51.100.4", "", kTrusted, true).ip, "198.51.100.4");
}

TEST(ClientAddress, HeadersFromAnyoneElseAreIgnored) {
    auto c = resolveClientAddress("198.51.100.20", "127.0.0.1", "https", kTrusted, true);
    EXPECT_EQ(c.ip, "198.51.100.20");
    EXPECT_FALSE(c.viaTls);
    // Another loopback address that is not configured, and a configured address that is not loopback.
    EXPECT_EQ(resolveClientAddress("127.0.0.2", "1.2.3.4", "", kTrusted, true).ip, "127.0.0.2");
    EXPECT_EQ(resolveClientAddress("10.0.0.5", "1.2.3.4", "", {"10.0.0.5"}, true).ip, "10.0.0.5");
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "1.2.3.4", "", {}, true).ip, "127.0.0.1");
}

// Any local process is a loopback peer: without our proxy's mark its X-Forwarded-For is its own claim.
TEST(ClientAddress, LoopbackWithoutTheProxyMarkIsNotBelieved) {
    auto c = resolveClientAddress("127.0.0.1", "203.0.113.7", "https", kTrusted, false);
    EXPECT_EQ(c.ip, "127.0.0.1");
    EXPECT_FALSE(c.viaTls);
    EXPECT_EQ(resolveClientAddress("::1", "2001:db8::1", "", kTrusted, false).ip, "::1");
}

TEST(ClientAddress, TheMarkMatchesOnlyExactlyAndNeverWhenUnset) {
    EXPECT_TRUE(isProxyMark("abc123", "abc123"));
    EXPECT_FALSE(isProxyMark("abc12", "abc123"));
    EXPECT_FALSE(isProxyMark("abc1234", "abc123"));
    EXPECT_FALSE(isProxyMark("", "abc123"));
    EXPECT_FALSE(isProxyMark("", "")) << "an unset mark matched an absent header";
    EXPECT_NE(newProxyMark(), newProxyMark());
    EXPECT_EQ(newProxyMark().size(), 64u);
}

TEST(ClientAddress, GarbageOrMissingHeaderFallsBackToThePeer) {
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "", "", kTrusted, true).ip, "127.0.0.1");
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "not-an-ip", "", kTrusted, true).ip, "127.0.0.1");
    EXPECT_EQ(resolveClientAddress("127.0.0.1", "1.2.3.4, <script>", "", kTrusted, true).ip, "127.0.0.1");
    EXPECT_EQ(resolveClientAddress("::ffff:127.0.0.1", "::ffff:192.0.2.1", "", kTrusted, true).ip, "192.0.2.1");
}

}  // namespace
}  // namespace rivetr::api
