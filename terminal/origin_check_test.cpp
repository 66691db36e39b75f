// The terminal's Origin check: the request's own origin (or the configured public one), nothing else.
#include "terminal/origin_check.hpp"

#include <gtest/gtest.h>

namespace rivetr::terminal {
namespace {

TEST(OriginCheck, TheRequestsOwnOriginPasses) {
    EXPECT_TRUE(originAllowed("http://127.0.0.1:8080", "http", "127.0.0.1:8080"));
    EXPECT_TRUE(originAllowed("https://Dash.Example.com", "https", "dash.example.com"));
}

TEST(OriginCheck, AnyOtherOriginIsRefused) {
    EXPECT_FALSE(originAllowed("http://evil.example", "http", "127.0.0.1:8080"));
    EXPECT_FALSE(originAllowed("http://127.0.0.1:8081", "http", "127.0.0.1:8080")) << "another port is another origin";
    EXPECT_FALSE(originAllowed("https://127.0.0.1:8080", "http", "127.0.0.1:8080")) << "another scheme too";
    EXPECT_FALSE(originAllowed("http://127.0.0.1:8080.evil.example", "http", "127.0.0.1:8080"));
    EXPECT_FALSE(originAllowed("", "http", "127.0.0.1:8080")) << "no Origin";
    EXPECT_FALSE(originAllowed("null", "http", "127.0.0.1:8080")) << "a sandboxed or file: page";
    EXPECT_FALSE(originAllowed("http://x", "http", "")) << "no Host to compare with";
}

TEST(OriginCheck, TheConfiguredPublicOriginAlsoPasses) {
    std::vector<std::string> also{originOf("https://paas.example.com/dashboard")};
    EXPECT_EQ(also[0], "https://paas.example.com");
    EXPECT_TRUE(originAllowed("https://paas.example.com", "http", "127.0.0.1:8080", also));
    EXPECT_FALSE(originAllowed("https://paas.example.com.evil", "http", "127.0.0.1:8080", also));
    EXPECT_EQ(originOf("ftp://x"), "");
    EXPECT_EQ(originOf("not a url"), "");
    EXPECT_EQ(originOf("https://"), "");
}

}  // namespace
}  // namespace rivetr::terminal
