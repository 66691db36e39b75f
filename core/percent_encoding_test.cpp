// Percent-encoding: unreserved characters pass, everything else is %XX, and decoding undoes it.
#include "core/percent_encoding.hpp"

#include <gtest/gtest.h>

namespace rivetr {
namespace {

TEST(PercentEncoding, OnlyUnreservedCharactersPassAsThemselves) {
    EXPECT_EQ(percentEncode("AZaz09-._~"), "AZaz09-._~");
    EXPECT_EQ(percentEncode("a b/c?d#e@f:g%h"), "a%20b%2Fc%3Fd%23e%40f%3Ag%25h");
    EXPECT_EQ(percentEncode("\xc3\xa9\x01"), "%C3%A9%01");  // bytes, not characters
    EXPECT_EQ(percentEncode(""), "");
}

TEST(PercentEncoding, DecodingUndoesItAndKeepsStrayPercents) {
    const std::string all = [] {
        std::string s;
        for (int c = 0; c < 256; ++c) s += static_cast<char>(c);
        return s;
    }();
    EXPECT_EQ(percentDecode(percentEncode(all)), all);
    EXPECT_EQ(percentDecode("p%40ss%3a"), "p@ss:");
    EXPECT_EQ(percentDecode("100%"), "100%");
    EXPECT_EQ(percentDecode("%zz%4"), "%zz%4");
}

}  // namespace
}  // namespace rivetr
