// The text helpers: only ASCII letters fold, and a file reads back whole, bytes and all.
#include "core/text.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

TEST(Text, AsciiLowerFoldsOnlyAsciiLetters) {
    EXPECT_EQ(asciiLower("X-Hub-Signature-256"), "x-hub-signature-256");
    EXPECT_EQ(asciiLower("RUNNING [Up 3 Days]"), "running [up 3 days]");
    EXPECT_EQ(asciiLower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89") << "UTF-8 bytes stay as they are";
    EXPECT_EQ(asciiLower(""), "");
}

TEST(Text, ReadWholeFileReturnsEveryByteOrNothing) {
    test::TempDir dir;
    std::string bytes("a\0b\r\nc", 6);
    test::writeFile(dir.path() / "f", bytes);
    EXPECT_EQ(readWholeFile(dir.path() / "f"), bytes);
    EXPECT_EQ(readWholeFile(dir.path() / "missing"), std::nullopt);
}

TEST(Text, VariableNamesAreAsciiIdentifiersOfAtMost256Bytes) {
    for (const char* ok : {"A", "_", "DB_PASSWORD", "a1", "_9"}) EXPECT_TRUE(isVariableName(ok)) << ok;
    for (const char* bad : {"", "1A", "A-B", "A.B", "A B", "\xc3\xa9", "A=B"}) EXPECT_FALSE(isVariableName(bad)) << bad;
    EXPECT_TRUE(isVariableName(std::string(256, 'A')));
    EXPECT_FALSE(isVariableName(std::string(257, 'A')));
}

}  // namespace
}  // namespace rivetr
