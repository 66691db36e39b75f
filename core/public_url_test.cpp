// [server] public_url: which webhook base URLs a git provider cannot reach, and the trailing "/".
#include "core/public_url.hpp"

#include <gtest/gtest.h>

namespace rivetr {
namespace {

TEST(PublicUrl, LoopbackAndUnsetAreWarnedAbout) {
    for (const char* url : {"http://127.0.0.1:8080", "http://localhost", "https://LOCALHOST:8443/", "http://[::1]:80",
                            "http://app.localhost", "http://127.1.2.3", "http://0.0.0.0:8080"}) {
        auto w = publicUrlWarning(url);
        ASSERT_TRUE(w) << url;
        EXPECT_NE(w->find("loopback"), std::string::npos) << *w;
    }
    auto unset = publicUrlWarning("");
    ASSERT_TRUE(unset);
    EXPECT_NE(unset->find("not set"), std::string::npos) << *unset;
}

TEST(PublicUrl, ReachableAddressesAreNot) {
    for (const char* url : {"https://paas.example.com", "http://203.0.113.7:8080/", "https://localhost.example.com",
                            "http://127.example.com"}) {
        EXPECT_FALSE(publicUrlWarning(url)) << url;
    }
}

TEST(PublicUrl, ShapeAndBase) {
    EXPECT_FALSE(checkPublicUrl(""));
    EXPECT_FALSE(checkPublicUrl("https://paas.example.com:8443/"));
    EXPECT_FALSE(checkPublicUrl("http://[2001:db8::1]:8080"));
    for (const char* bad : {"paas.example.com", "ftp://x.com", "https://x.com/hooks", "https://", "https://x.com?a=1",
                            "https://user@x.com"}) {
        EXPECT_TRUE(checkPublicUrl(bad)) << bad;
    }
    EXPECT_EQ(publicUrlBase("https://paas.example.com/"), "https://paas.example.com");
    EXPECT_EQ(publicUrlBase("https://paas.example.com"), "https://paas.example.com");
}

}  // namespace
}  // namespace rivetr
