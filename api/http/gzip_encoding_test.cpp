// Accept-Encoding is read as clients send it, and what we compress inflates back to the original.
#include "api/http/gzip_encoding.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

TEST(GzipEncoding, AcceptEncodingAsBrowsersAndToolsSendIt) {
    EXPECT_TRUE(acceptsGzip("gzip, deflate, br, zstd"));  // Chromium
    EXPECT_TRUE(acceptsGzip("deflate, gzip"));            // libcurl with CURLOPT_ACCEPT_ENCODING ""
    EXPECT_TRUE(acceptsGzip("GZIP;q=0.5"));
    EXPECT_TRUE(acceptsGzip("x-gzip"));
    EXPECT_TRUE(acceptsGzip("*"));
    EXPECT_FALSE(acceptsGzip(""));
    EXPECT_FALSE(acceptsGzip("identity"));
    EXPECT_FALSE(acceptsGzip("br, deflate"));
    EXPECT_FALSE(acceptsGzip("gzip;q=0"));
    EXPECT_FALSE(acceptsGzip("gzip;q=0.000, *"));  // named refusal wins over the wildcard
    EXPECT_FALSE(acceptsGzip("*;q=0"));
    EXPECT_FALSE(acceptsGzip("gzipped"));
}

TEST(GzipEncoding, RoundTripsAndShrinksRepetitiveJson) {
    std::string json = "[";
    for (int i = 0; i < 1000; ++i) json += R"({"name":"app-)" + std::to_string(i) + R"(","branch":"main","port":3000},)";
    json.back() = ']';
    auto gz = gzipCompress(json);
    EXPECT_EQ(gz.substr(0, 2), std::string("\x1f\x8b", 2)) << "not a gzip member";
    EXPECT_LT(gz.size() * 5, json.size());
    EXPECT_EQ(test::gunzip(gz), json);
    EXPECT_EQ(test::gunzip(gzipCompress("")), "");
}

}  // namespace
}  // namespace rivetr::api
