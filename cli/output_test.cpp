// Tables line up for people reading them; JSON cells read naturally.
#include "cli/output.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace rivetr::cli {
namespace {

// Columns are padded to their widest cell, counted in characters, not bytes: a commit message with
// "café" in it lines up like any other.
TEST(Table, PadsColumnsToTheWidestCellInCharacters) {
    struct Case {
        std::vector<std::string> headers;
        std::vector<std::vector<std::string>> rows;
        std::string printed;
    };
    const std::vector<Case> cases{
        {{"NAME", "PORT"},
         {{"a-long-app-name", "8000"}, {"web", "80"}},
         "NAME             PORT\n"
         "a-long-app-name  8000\n"
         "web              80\n"},
        {{"MESSAGE", "AUTHOR"},
         {{"caf\u00e9 prices", "Ann"}, {"plain", "Bob"}},
         "MESSAGE      AUTHOR\n"
         "caf\u00e9 prices  Ann\n"
         "plain        Bob\n"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.printed);
        Table t(c.headers);
        for (const auto& row : c.rows) t.add(row);
        std::ostringstream out;
        t.print(out);
        EXPECT_EQ(out.str(), c.printed);
    }
}

// Deployment lists show a commit as its first line and its author's name.
TEST(Output, CommitHeadlineAndAuthorName) {
    EXPECT_EQ(headline("Fix the basket total\n\nLonger text"), "Fix the basket total");
    EXPECT_EQ(headline(nullptr), "-");
    EXPECT_EQ(headline("caf\u00e9 caf\u00e9", 4), "caf…") << "cut inside the two bytes of é";
    EXPECT_EQ(headline("abcdef", 3), "abc…");
    EXPECT_EQ(authorName("Ann Smith <ann@example.com>"), "Ann Smith");
    EXPECT_EQ(authorName("ann"), "ann");
    EXPECT_EQ(authorName(nullptr), "-");
    EXPECT_EQ(shortSha("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"), "0d1a26e67d8f");
}

TEST(Table, EmptyTablePrintsTheHint) {
    std::ostringstream out;
    Table({"NAME"}).print(out, "no apps yet");
    EXPECT_EQ(out.str(), "no apps yet\n");
}

TEST(Output, BytesAreShownAsDockerShowsThem) {
    EXPECT_EQ(humanBytes(512), "512B");
    EXPECT_EQ(humanBytes(1982256), "1.98MB");
    EXPECT_EQ(humanBytes(45'300'000), "45.3MB");
    EXPECT_EQ(humanBytes(123'456'789'012), "123GB");
    EXPECT_EQ(humanBytes(nullptr), "-");
}

TEST(Output, CellsShowStringsBareAndNullAsDash) {
    EXPECT_EQ(cell("web"), "web");
    EXPECT_EQ(cell(nullptr), "-");
    EXPECT_EQ(cell(8000), "8000");
}

TEST(Output, ColourOnlyOnATerminalWithoutNoColor) {
    EXPECT_TRUE(colourWanted(true, nullptr));
    EXPECT_TRUE(colourWanted(true, ""));  // NO_COLOR counts only when it has a value
    EXPECT_FALSE(colourWanted(true, "1"));
    EXPECT_FALSE(colourWanted(false, nullptr));
    // ctest captures stdout through a pipe, as a script would: plain text.
    EXPECT_EQ(statusText("failed"), "failed");
}

TEST(Output, StatusColoursSayHowItWent) {
    EXPECT_EQ(statusText("failed", true), "\033[31mfailed\033[0m");
    EXPECT_EQ(statusText("running", true), "\033[32mrunning\033[0m");
    EXPECT_EQ(statusText("building", true), "\033[33mbuilding\033[0m");
    EXPECT_EQ(statusText("replaced", true), "\033[90mreplaced\033[0m");
    EXPECT_EQ(statusText("failed", false), "failed");
}

}  // namespace
}  // namespace rivetr::cli
