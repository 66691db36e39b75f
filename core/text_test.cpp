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

}  // namespace
}  // namespace rivetr
