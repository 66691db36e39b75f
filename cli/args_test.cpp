// Argument parsing: options with values in both spellings, flags, and usage errors that name the mistake.
#include "cli/args.hpp"

#include <gtest/gtest.h>

namespace rivetr::cli {
namespace {

const ArgSpec kSpec{{"config", "url"}, {"json", "wait"}};

TEST(Args, OptionsFlagsAndPositionals) {
    auto a = parseArgs({"deploy", "web", "--config", "x.toml", "--url=http://h", "--wait"}, kSpec);
    EXPECT_EQ(a.positional, (std::vector<std::string>{"deploy", "web"}));
    EXPECT_EQ(*a.option("config"), "x.toml");
    EXPECT_EQ(*a.option("url"), "http://h");
    EXPECT_TRUE(a.has("wait"));
    EXPECT_FALSE(a.has("json"));
}

TEST(Args, ARepeatedOptionKeepsEveryValueInOrder) {
    auto a = parseArgs({"--url", "a=1", "--url=b=2", "--config", "c"}, kSpec);
    EXPECT_EQ(a.every("url"), (std::vector<std::string>{"a=1", "b=2"}));
    EXPECT_EQ(*a.option("url"), "b=2") << "option() is the last one";
    EXPECT_TRUE(a.every("json").empty());
}

TEST(Args, UnknownOptionIsAUsageError) {
    try {
        parseArgs({"--colour"}, kSpec);
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "unknown option --colour");
    }
    EXPECT_THROW(parseArgs({"-x"}, kSpec), UsageError);
}

TEST(Args, MissingValueIsAUsageError) { EXPECT_THROW(parseArgs({"--config"}, kSpec), UsageError); }

TEST(Args, FlagWithValueIsAUsageError) { EXPECT_THROW(parseArgs({"--json=yes"}, kSpec), UsageError); }

TEST(Args, DoubleDashEndsOptions) {
    auto a = parseArgs({"--", "--json"}, kSpec);
    EXPECT_EQ(a.positional, std::vector<std::string>{"--json"});
}

}  // namespace
}  // namespace rivetr::cli
