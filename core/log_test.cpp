// Log lines are key=value with values quoted when they would otherwise be ambiguous.
#include "core/log.hpp"

#include <gtest/gtest.h>

namespace rivetr::log {
namespace {

TEST(Log, FormatsKeyValueFields) {
    EXPECT_EQ(format("api.request", {{"method", "GET"}, {"path", "/health"}, {"status", "200"}}),
              "event=api.request method=GET path=/health status=200");
}

TEST(Log, QuotesAndEscapesAmbiguousValues) {
    EXPECT_EQ(format("e", {{"msg", "two words"}, {"empty", ""}, {"q", "a\"b\nc"}}),
              "event=e msg=\"two words\" empty=\"\" q=\"a\\\"b\\nc\"");
}

TEST(Log, NeverWritesCredentialsOfAUrl) {
    EXPECT_EQ(format("e", {{"error", "cannot reach https://deploy:pw@h/r.git"}}),
              "event=e error=\"cannot reach https://***@h/r.git\"");
}

TEST(Log, ParsesLevels) {
    Level l{};
    EXPECT_TRUE(parseLevel("warn", l));
    EXPECT_EQ(l, Level::warn);
    EXPECT_FALSE(parseLevel("loud", l));
    setLevel(Level::error);
    EXPECT_FALSE(enabled(Level::info));
    setLevel(Level::info);
    EXPECT_TRUE(enabled(Level::info));
}

}  // namespace
}  // namespace rivetr::log
