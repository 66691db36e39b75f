// Stack names: the compose project-name rule, and what compose v2 proposes for a folder name.
#include "stacks/stack_name.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rivetr::stacks {
namespace {

struct NameCase {
    std::string name;
    bool valid;
};

TEST(StackName, FollowsTheComposeProjectNameRule) {
    const std::vector<NameCase> cases = {
        {"a", true},
        {"0", true},
        {"web", true},
        {"my-app_2", true},
        {"9lives", true},
        {"a-", true},
        {"a_", true},
        {std::string(63, 'a'), true},
        {"", false},
        {std::string(64, 'a'), false},
        {"-a", false},
        {"_a", false},
        {"A", false},
        {"myApp", false},
        {"a/b", false},
        {"/a", false},
        {"..", false},
        {".", false},
        {".env", false},
        {"a.b", false},
        {"a b", false},
        {"a\\b", false},
        {std::string("a\0b", 3), false},
        {"caf\xc3\xa9", false},
    };
    for (const auto& c : cases) EXPECT_EQ(isValidStackName(c.name), c.valid) << '"' << c.name << '"';
}

TEST(StackName, TheRuleReadsAsTheMessage) {
    EXPECT_EQ(stackNameRule(),
              "a stack name is lower-case letters, digits, '-' and '_', starting with a letter or digit (at most 63)");
}

struct ProposalCase {
    std::string folder;
    std::string proposal;
};

TEST(StackName, ProposesWhatComposeMakesOfAFolderName) {
    const std::vector<ProposalCase> cases = {
        {"Test/", "test"},
        {"My App!", "myapp"},
        {"web", "web"},
        {"My_Project-2", "my_project-2"},
        {"--_app", "app"},
        {"_-_", ""},
        {"...", ""},
        {"", ""},
        {"!!!", ""},
        {".hidden", "hidden"},
        {"-9", "9"},
        {"caf\xc3\xa9 bar", "cafbar"},
        {"a.b.c", "abc"},
        {"x" + std::string(70, 'y'), "x" + std::string(62, 'y')},
        {"__" + std::string(63, 'b') + "c", std::string(63, 'b')},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(proposeStackName(c.folder), c.proposal) << '"' << c.folder << '"';
        if (!c.proposal.empty()) {
            EXPECT_TRUE(isValidStackName(c.proposal)) << c.proposal;
        }
    }
}

}  // namespace
}  // namespace rivetr::stacks
