// The .env reader: what users write in .env files ends up as the variables they meant.
#include "cli/dotenv.hpp"

#include <gtest/gtest.h>

#include "cli/args.hpp"

namespace rivetr::cli {
namespace {

TEST(Dotenv, ReadsCommentsQuotesAndExport) {
    auto vars = parseDotenv(
        "# database\n"
        "\n"
        "export DATABASE_URL=postgres://db/app\n"
        "PLAIN = value # trailing comment\n"
        "SINGLE='a # not a comment \\n'\n"
        "DOUBLE=\"line1\\nline2 \\\"q\\\"\"\n"
        "EMPTY=\n"
        "HASH=abc#def\r\n");
    ASSERT_EQ(vars.size(), 6u);
    EXPECT_EQ(vars[0], EnvPair("DATABASE_URL", "postgres://db/app"));
    EXPECT_EQ(vars[1], EnvPair("PLAIN", "value"));
    EXPECT_EQ(vars[2], EnvPair("SINGLE", "a # not a comment \\n"));
    EXPECT_EQ(vars[3], EnvPair("DOUBLE", "line1\nline2 \"q\""));
    EXPECT_EQ(vars[4], EnvPair("EMPTY", ""));
    EXPECT_EQ(vars[5], EnvPair("HASH", "abc#def"));
}

TEST(Dotenv, MalformedLinesNameTheirNumber) {
    try {
        parseDotenv("A=1\nnot an assignment\n");
        FAIL() << "accepted a line without '='";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(parseDotenv("A=\"unterminated\n"), UsageError);
}

TEST(Dotenv, AssignmentsSplitAtTheFirstEquals) {
    EXPECT_EQ(parseAssignment("URL=a=b"), EnvPair("URL", "a=b"));
    EXPECT_EQ(parseAssignment("EMPTY="), EnvPair("EMPTY", ""));
    EXPECT_THROW(parseAssignment("NOEQUALS"), UsageError);
    EXPECT_THROW(parseAssignment("=value"), UsageError);
}

}  // namespace
}  // namespace rivetr::cli
