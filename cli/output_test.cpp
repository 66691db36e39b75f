// Tables line up for people reading them; JSON cells read naturally.
#include "cli/output.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace rivetr::cli {
namespace {

TEST(Table, PadsColumnsToTheWidestCell) {
    Table t({"NAME", "PORT"});
    t.add({"a-long-app-name", "8000"});
    t.add({"web", "80"});
    std::ostringstream out;
    t.print(out);
    EXPECT_EQ(out.str(),
              "NAME             PORT\n"
              "a-long-app-name  8000\n"
              "web              80\n");
}

TEST(Table, EmptyTablePrintsTheHint) {
    std::ostringstream out;
    Table({"NAME"}).print(out, "no apps yet");
    EXPECT_EQ(out.str(), "no apps yet\n");
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
