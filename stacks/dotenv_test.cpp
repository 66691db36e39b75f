// .env files as compose v2 reads them: comments, export, quotes, escapes, multi-line values, interpolation from earlier lines only, and errors by line.
#include "stacks/dotenv.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <utility>

namespace rivetr::stacks {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs pairsOf(std::string_view text) {
    Pairs out;
    for (const auto& entry : parseDotenv(text)) out.emplace_back(entry.key, entry.value);
    return out;
}

// The value of a one-line file `K=<raw>`.
std::string valueOf(const std::string& raw) {
    auto entries = parseDotenv("K=" + raw);
    EXPECT_EQ(entries.size(), 1u) << raw;
    return entries.empty() ? "<none>" : entries.front().value;
}

// The line a text is refused on (0 when it parses) and the message.
std::pair<int, std::string> errorOf(std::string_view text) {
    try {
        parseDotenv(text);
        return {0, ""};
    } catch (const DotenvError& e) {
        return {e.line(), e.what()};
    }
}

struct Case {
    const char* raw;
    const char* want;
};

void expectValues(const std::vector<Case>& cases) {
    for (const auto& c : cases) {
        try {
            EXPECT_EQ(valueOf(c.raw), c.want) << c.raw;
        } catch (const DotenvError& e) {
            ADD_FAILURE() << c.raw << " threw: " << e.what();
        }
    }
}

TEST(DotenvLines, AssignmentsCommentsBlankLinesAndExport) {
    const auto entries = parseDotenv(
        "# a comment\n"
        "A=1\n"
        "\n"
        "   # an indented comment\n"
        "  B = two  \n"
        "export C=3\n"
        "export\tD = 4\n"
        "E=\n"
        "export=5\n"
        "exportF=6\n"
        "a.b-c_D9=7\n"
        "\t\n");
    const Pairs want = {{"A", "1"}, {"B", "two"}, {"C", "3"}, {"D", "4"}, {"E", ""}, {"export", "5"},
                        {"exportF", "6"}, {"a.b-c_D9", "7"}};
    ASSERT_EQ(entries.size(), want.size());
    const std::vector<int> lines = {2, 5, 6, 7, 8, 9, 10, 11};
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(entries[i].key, want[i].first);
        EXPECT_EQ(entries[i].value, want[i].second);
        EXPECT_EQ(entries[i].line, lines[i]) << entries[i].key;
    }
    EXPECT_TRUE(parseDotenv("").empty());
    EXPECT_TRUE(parseDotenv("\n\n# only comments\n").empty());
}

TEST(DotenvValues, UnquotedValuesAreTrimmedAndEndAtAnInlineComment) {
    expectValues({{"plain", "plain"},
                  {"  padded  ", "padded"},
                  {"a b  c  ", "a b  c"},
                  {"x #comment", "x"},
                  {"x\t# comment", "x"},
                  {"x#not-a-comment", "x#not-a-comment"},
                  {"#hash", "#hash"},
                  {" #hash", "#hash"},  // compose trims first, so a leading # is the value
                  {"a=b=c", "a=b=c"},
                  {"url?x=1&y=2", "url?x=1&y=2"},
                  {"it's", "it's"},
                  {"say \"hi\"", "say \"hi\""},
                  {"\\n stays", "\\n stays"},
                  {"ünï 日本", "ünï 日本"}});
}

TEST(DotenvValues, SingleQuotesAreLiteral) {
    expectValues({{"'a b'", "a b"},
                  {"'  kept  '", "  kept  "},
                  {"'$A ${B:?x} \\n \\'", "$A ${B:?x} \\n \\"},
                  {"'# not a comment'", "# not a comment"},
                  {"'x' # a comment", "x"},
                  {"''", ""},
                  {"  'y'  ", "y"}});
}

TEST(DotenvValues, DoubleQuotesTakeEscapes) {
    expectValues({{"\"a b\"", "a b"},
                  {"\"line\\nnext\"", "line\nnext"},
                  {"\"tab\\there\"", "tab\there"},
                  {"\"cr\\r\"", "cr\r"},
                  {"\"back\\\\slash\"", "back\\slash"},
                  {"\"say \\\"hi\\\"\"", "say \"hi\""},
                  {"\"\\$HOME\"", "$HOME"},
                  {"\"\\${X}\"", "${X}"},
                  {"\"unknown \\q \\x41\"", "unknown \\q \\x41"},
                  {"\"it's\"", "it's"},
                  {"\"# not a comment\"", "# not a comment"},
                  {"\"x\" # a comment", "x"},
                  {"\"x\"# a comment", "x"},
                  {"\"\"", ""},
                  {"\"ünï\"", "ünï"}});
}

TEST(DotenvValues, QuotedValuesMaySpanLines) {
    const auto entries = parseDotenv("A=\"first\n  second\nthird\"\nB='one\ntwo'\nC=3\n");
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].value, "first\n  second\nthird");
    EXPECT_EQ(entries[0].line, 1);
    EXPECT_EQ(entries[1].value, "one\ntwo");
    EXPECT_EQ(entries[1].line, 4);
    EXPECT_EQ(entries[2].line, 6) << "lines inside a value still count";
    EXPECT_EQ(pairsOf("A=\"x\\\"\ny\"\n"), (Pairs{{"A", "x\"\ny"}})) << "an escaped quote does not close";
}

TEST(DotenvInterpolation, EarlierEntriesOnly) {
    EXPECT_EQ(pairsOf("A=1\n"
                      "B=${A}2\n"
                      "C=\"$A-${B}\"\n"
                      "D='$A'\n"
                      "E=${LATER}|$LATER\n"
                      "F=${LATER:-fallback}\n"
                      "G=$$A\n"
                      "H=${A:+set}\n"
                      "A=10\n"
                      "I=$A\n"
                      "LATER=here\n"),
              (Pairs{{"A", "10"}, {"B", "12"}, {"C", "1-12"}, {"D", "$A"}, {"E", "|"}, {"F", "fallback"},
                     {"G", "$A"}, {"H", "set"}, {"I", "10"}, {"LATER", "here"}}));
    EXPECT_EQ(pairsOf("A=1\nA=${A}${A}\n"), (Pairs{{"A", "11"}})) << "a key may build on its earlier value";
    EXPECT_EQ(pairsOf("E=\nX=${E-unset}|${E:-empty}\n"), (Pairs{{"E", ""}, {"X", "|empty"}}));
}

TEST(DotenvInterpolation, NothingComesFromTheProcessEnvironment) {
    ::setenv("RIVETR_DOTENV_PROBE", "leaked", 1);
    EXPECT_EQ(pairsOf("A=$RIVETR_DOTENV_PROBE\nB=\"${RIVETR_DOTENV_PROBE}\"\nC=${RIVETR_DOTENV_PROBE-none}\n"),
              (Pairs{{"A", ""}, {"B", ""}, {"C", "none"}}));
    EXPECT_EQ(errorOf("RIVETR_DOTENV_PROBE\n").first, 1) << "a bare key is never taken from the environment";
    ::unsetenv("RIVETR_DOTENV_PROBE");
}

TEST(DotenvLines, DuplicateKeysKeepTheirFirstPosition) {
    const auto entries = parseDotenv("A=1\nB=2\nA=3\n");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].key, "A");
    EXPECT_EQ(entries[0].value, "3");
    EXPECT_EQ(entries[0].line, 3) << "the line the winning value came from";
    EXPECT_EQ(entries[1].key, "B");
}

TEST(DotenvLines, CrlfAndAByteOrderMarkReadLikeLf) {
    const auto entries = parseDotenv("\xEF\xBB\xBF" "A=1\r\n# c\r\nB=\"x\r\ny\"\r\nC='z' \r\nD=4 # c\r\n\r\n");
    EXPECT_EQ(pairsOf("\xEF\xBB\xBF" "A=1\r\n# c\r\nB=\"x\r\ny\"\r\nC='z' \r\nD=4 # c\r\n\r\n"),
              (Pairs{{"A", "1"}, {"B", "x\ny"}, {"C", "z"}, {"D", "4"}}));
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[3].line, 6);
}

TEST(DotenvErrors, RefusedLinesAreNamed) {
    struct Bad {
        const char* text;
        int line;
        const char* says;
    };
    const std::vector<Bad> cases = {
        {"A=1\nJUSTKEY\n", 2, "is not KEY=VALUE"},
        {"A=1\nexport B\n", 2, "environment"},
        {"A=1\n\n1A=x\n", 3, "\"1A\" is not a variable name"},
        {"A B=x\n", 1, "\"A B\" is not a variable name"},
        {"A:B=x\n", 1, "is not a variable name"},
        {"=x\n", 1, "\"\" is not a variable name"},
        {"-A=x\n", 1, "is not a variable name"},
        {".A=x\n", 1, "is not a variable name"},
        {"export =x\n", 1, "is not a variable name"},
        {"KÉY=x\n", 1, "is not a variable name"},
        {"A=1\nB=\"abc\nC=2\n", 2, "never closed"},
        {"A=1\n\nB='abc\n", 3, "never closed"},
        {"B=\"abc\\\"", 1, "never closed"},
        {"A=\"x\"y\n", 1, "\"y\" follows the closing quote"},
        {"A='x' y\n", 1, "follows the closing quote"},
        {"A=\"x\ny\" z\n", 2, "follows the closing quote"},
        {"A=1\nB=${A\n", 2, "invalid interpolation format"},
        {"A=cost 5$\n", 1, "invalid interpolation format"},
        {"A=1\nB=\"${NEED:?set NEED}\"\n", 2, "required variable NEED is missing a value: set NEED"},
        {"A=\n\n\nB=${A:?}\n", 4, "required variable A is missing a value"},
        {"A=\"multi\nline ${X:?}\"\n", 1, "required variable X"}};
    for (const auto& c : cases) {
        const auto [line, message] = errorOf(c.text);
        EXPECT_EQ(line, c.line) << c.text << ": " << message;
        EXPECT_NE(message.find(c.says), std::string::npos) << c.text << ": " << message;
        EXPECT_EQ(message.rfind("line " + std::to_string(c.line) + ": ", 0), 0u) << message;
    }
}

}  // namespace
}  // namespace rivetr::stacks
