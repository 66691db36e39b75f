// Compose's interpolation forms, nesting, errors and unset reporting, and proof that nothing comes from the process environment.
#include "stacks/interpolation.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

namespace rivetr::stacks {
namespace {

// SET is "value", EMPTY is set but "", anything else is unset.
const std::map<std::string, std::string> kVars = {{"SET", "value"}, {"EMPTY", ""}, {"V", "v"}, {"V_x", "vx"}};

VariableLookup lookupIn(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto found = vars.find(std::string(name));
        if (found == vars.end()) return std::nullopt;
        return found->second;
    };
}

struct Case {
    const char* text;
    const char* want;
};

void expectAll(const std::vector<Case>& cases, const VariableLookup& lookup = lookupIn(kVars)) {
    for (const auto& c : cases) {
        try {
            EXPECT_EQ(interpolate(c.text, lookup), c.want) << c.text;
        } catch (const InterpolationError& e) {
            ADD_FAILURE() << c.text << " threw: " << e.what();
        }
    }
}

// The error a text raises, or nullopt when it interpolates.
std::optional<InterpolationError> errorOf(std::string_view text, const VariableLookup& lookup = lookupIn(kVars)) {
    try {
        interpolate(text, lookup);
        return std::nullopt;
    } catch (const InterpolationError& e) {
        return e;
    }
}

TEST(InterpolationText, PlainTextAndDollarEscapes) {
    expectAll({{"", ""},
               {"plain text", "plain text"},
               {"$$", "$"},
               {"$$$$", "$$"},
               {"$$SET", "$SET"},
               {"$${SET}", "${SET}"},
               {"$$$SET", "$value"},
               {"a$$b", "a$b"},
               {"100$$", "100$"},
               {"$SET$$", "value$"}});
}

TEST(InterpolationText, NamesTakeTheLongestRun) {
    expectAll({{"$SET", "value"},
               {"${SET}", "value"},
               {"$V_x", "vx"},
               {"${V}_x", "v_x"},
               {"$V-x", "v-x"},
               {"$V.x", "v.x"},
               {"$V:x", "v:x"},
               {"x$Vy", "x"},
               {"${V}y", "vy"},
               {"$V$V", "vv"},
               {"$_", ""},
               {"$EMPTY|", "|"}});
}

TEST(InterpolationText, BracesOutsideAnExpressionAreText) {
    expectAll({{"a}b", "a}b"},
               {"${SET}}", "value}"},
               {"}{", "}{"},
               {"{$SET}", "{value}"},
               {"${UNSET:-{x}}", "{x}"},
               {"${UNSET:-{\"a\":1}}", "{\"a\":1}"},
               {"${UNSET:-a{b}c}d}", "a{b}cd}"},
               {"${UNSET:-$${x}}", "${x}"}});
}

TEST(InterpolationText, UnicodePassesThrough) {
    expectAll({{"héllo ${SET} 日本", "héllo value 日本"},
               {"${UNSET:-ünïcødé ✓}", "ünïcødé ✓"},
               {"$V日", "v日"},
               {"€$$", "€$"}});
}

// Each modifier against a set, an empty and an unset variable.
TEST(InterpolationModifiers, EachFormAgainstSetEmptyAndUnset) {
    expectAll({{"${SET:-d}", "value"}, {"${EMPTY:-d}", "d"}, {"${UNSET:-d}", "d"},
               {"${SET-d}", "value"},  {"${EMPTY-d}", ""},   {"${UNSET-d}", "d"},
               {"${SET:+r}", "r"},     {"${EMPTY:+r}", ""},  {"${UNSET:+r}", ""},
               {"${SET+r}", "r"},      {"${EMPTY+r}", "r"},  {"${UNSET+r}", ""},
               {"${SET:?e}", "value"}, {"${SET?e}", "value"}, {"${EMPTY?e}", ""},
               {"${UNSET:-}", ""},     {"${EMPTY:-}", ""},   {"${SET:-}", "value"},
               {"${UNSET-}", ""},      {"${SET:+}", ""}});
}

TEST(InterpolationModifiers, WordsMayHoldOperatorsAndSpaces) {
    expectAll({{"${UNSET:-a:-b}", "a:-b"},
               {"${UNSET:-a b c}", "a b c"},
               {"${UNSET-x?y+z}", "x?y+z"},
               {"${UNSET:-http://h:80/p?q=1}", "http://h:80/p?q=1"},
               {"pre${UNSET:-mid}post", "premidpost"}});
}

TEST(InterpolationNesting, DefaultsNestAcrossSetEmptyAndUnset) {
    struct Nested {
        std::optional<std::string> a, b;
        const char* want;
    };
    const std::vector<Nested> cases = {{"a", "b", "a"},          {"a", std::nullopt, "a"}, {"", "b", "b"},
                                       {"", "", "c"},            {"", std::nullopt, "c"},  {std::nullopt, "b", "b"},
                                       {std::nullopt, "", "c"},  {std::nullopt, std::nullopt, "c"}};
    for (const auto& c : cases) {
        std::map<std::string, std::string> vars;
        if (c.a) vars["A"] = *c.a;
        if (c.b) vars["B"] = *c.b;
        EXPECT_EQ(interpolate("${A:-${B:-c}}", lookupIn(vars)), c.want)
            << "A=" << c.a.value_or("<unset>") << " B=" << c.b.value_or("<unset>");
    }
}

TEST(InterpolationNesting, WordsInterpolateTheirOwnVariables) {
    expectAll({{"${UNSET:-x${V}y}", "xvy"},
               {"${UNSET:-x$V-y}", "xv-y"},
               {"${UNSET-${EMPTY}}", ""},
               {"${SET:+[${V}]}", "[v]"},
               {"${UNSET:-${UNSET2:-${V}}}", "v"},
               {"${UNSET:-${UNSET2:-deep}}tail", "deeptail"},
               {"${UNSET:-$$}", "$"},
               {"${UNSET:-a}${UNSET:-b}", "ab"}});
}

TEST(InterpolationNesting, UntakenWordsAreNotEvaluated) {
    std::vector<std::string> unset;
    EXPECT_EQ(interpolate("${SET:-${NEVER:?boom}$ALSO_NEVER}", lookupIn(kVars), &unset), "value");
    EXPECT_EQ(interpolate("${UNSET:+${NEVER:?boom}}", lookupIn(kVars), &unset), "");
    EXPECT_TRUE(unset.empty()) << "a default that is not used looks nothing up";
}

TEST(InterpolationNesting, DeepNestingIsRefusedNotAStackOverflow) {
    std::string fine, deep;
    for (int i = 0; i < 60; ++i) fine += "${U:-";
    fine += "x" + std::string(60, '}');
    EXPECT_EQ(interpolate(fine, lookupIn({})), "x");
    for (int i = 0; i < 100000; ++i) deep += "${U:-";
    deep += std::string(100000, '}');
    auto error = errorOf(deep);
    ASSERT_TRUE(error);
    EXPECT_NE(std::string(error->what()).find("nested more than"), std::string::npos);
}

TEST(InterpolationNesting, LongTextsStayLinear) {
    std::string text;
    for (int i = 0; i < 200000; ++i) text += "$V${UNSET:-${V}}$$";
    const std::string out = interpolate(text, lookupIn(kVars));
    EXPECT_EQ(out.size(), 200000u * 3);
    EXPECT_EQ(out.substr(0, 6), "vv$vv$");
}

TEST(InterpolationUnset, PlainUnsetVariablesAreReportedPerOccurrence) {
    std::vector<std::string> unset;
    EXPECT_EQ(interpolate("$A ${B} ${C:-x} ${D-y} ${E:+z} $A $SET $EMPTY", lookupIn(kVars), &unset), "  x y   value ");
    EXPECT_EQ(unset, (std::vector<std::string>{"A", "B", "A"}));
    EXPECT_EQ(interpolate("$A", lookupIn(kVars)), "") << "no list to fill is fine";
    unset.clear();
    interpolate("${UNSET:-$INNER}", lookupIn(kVars), &unset);
    EXPECT_EQ(unset, std::vector<std::string>{"INNER"}) << "a used default reports its own unset variables";
}

TEST(InterpolationUnset, NothingComesFromTheProcessEnvironment) {
    ::setenv("RIVETR_INTERPOLATION_PROBE", "leaked", 1);
    std::vector<std::string> asked, unset;
    VariableLookup nothing = [&asked](std::string_view name) -> std::optional<std::string> {
        asked.emplace_back(name);
        return std::nullopt;
    };
    EXPECT_EQ(interpolate("[$RIVETR_INTERPOLATION_PROBE${RIVETR_INTERPOLATION_PROBE:-d}]", nothing, &unset), "[d]");
    EXPECT_EQ(asked, (std::vector<std::string>{"RIVETR_INTERPOLATION_PROBE", "RIVETR_INTERPOLATION_PROBE"}));
    EXPECT_EQ(unset, std::vector<std::string>{"RIVETR_INTERPOLATION_PROBE"});
    ::unsetenv("RIVETR_INTERPOLATION_PROBE");
}

TEST(InterpolationErrors, MalformedTemplatesNameTheTextAndNoVariable) {
    for (const char* bad : {"${", "${SET", "${SET:-x", "${SET:-${V}", "${UNSET:-{}", "${}", "${1A}", "${-x}",
                            "${SET:x}", "${SET:}", "${SET B}", "${SET:", "$", "5$", "$ 5", "$1", "$-", "${SET}$",
                            "${UNSET:-$ }", "${SET:-$ }", "$日", "a${ SET}"}) {
        auto error = errorOf(bad);
        ASSERT_TRUE(error) << bad;
        EXPECT_EQ(error->variable(), "") << bad;
        EXPECT_NE(std::string(error->what()).find("invalid interpolation format for \""), std::string::npos)
            << bad << ": " << error->what();
    }
}

TEST(InterpolationErrors, MessagesSayWhatIsWrong) {
    auto message = [](std::string_view text) { return std::string(errorOf(text)->what()); };
    EXPECT_EQ(message("a$ b"),
              "invalid interpolation format for \"a$ b\": a \"$\" must be followed by a variable name, \"{\" or another "
              "\"$\"; you may need to escape any $ with another $");
    EXPECT_NE(message("x ${SET").find("is not closed"), std::string::npos);
    EXPECT_NE(message("${}").find("\"${}\" names no variable"), std::string::npos);
    EXPECT_NE(message("${1A}").find("must be followed by a variable name"), std::string::npos);
    EXPECT_NE(message("${SET:x}").find("not \":x\""), std::string::npos);
    EXPECT_NE(message("say \"${\"").find("for \"say \\\"${\\\"\""), std::string::npos) << "quotes in the text are escaped";
}

TEST(InterpolationErrors, RequiredVariablesNameThemselves) {
    struct Required {
        const char* text;
        const char* variable;
        const char* message;
    };
    const std::vector<Required> cases = {
        {"${UNSET:?}", "UNSET", "required variable UNSET is missing a value"},
        {"${UNSET?}", "UNSET", "required variable UNSET is missing a value"},
        {"${EMPTY:?}", "EMPTY", "required variable EMPTY is missing a value"},
        {"${UNSET:?set it in .env}", "UNSET", "required variable UNSET is missing a value: set it in .env"},
        {"${EMPTY:?must not be empty}", "EMPTY", "required variable EMPTY is missing a value: must not be empty"},
        {"${UNSET?boom}", "UNSET", "required variable UNSET is missing a value: boom"},
        {"${UNSET:?need ${SET} or $V}", "UNSET", "required variable UNSET is missing a value: need value or v"},
        {"${UNSET:-${INNER:?inner}}", "INNER", "required variable INNER is missing a value: inner"},
        {"ok ${SET} then ${UNSET:?}", "UNSET", "required variable UNSET is missing a value"}};
    for (const auto& c : cases) {
        auto error = errorOf(c.text);
        ASSERT_TRUE(error) << c.text;
        EXPECT_EQ(error->variable(), c.variable) << c.text;
        EXPECT_STREQ(error->what(), c.message) << c.text;
    }
}

}  // namespace
}  // namespace rivetr::stacks
