// The registry is the only list of commands: help, both completions and dispatch must all carry every one of
// them, the scripts must parse, and mistakes on the command line must be usage errors (exit 2).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "cli/command_help.hpp"
#include "cli/command_registry.hpp"
#include "cli/commands.hpp"
#include "cli/completion_command.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::cli {
namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::set<std::string> lines(const std::string& text) {
    std::istringstream in(text);
    std::set<std::string> out;
    for (std::string line; std::getline(in, line);) out.insert(line);
    return out;
}

// What a completion script offers after `rivetr WORDS... <TAB>`, by running its completion function in
// `shell`. zsh's completion builtins are stubbed to print what they are given.
std::set<std::string> offers(const std::string& shell, const std::filesystem::path& script,
                             const std::vector<std::string>& words) {
    static const std::map<std::string, std::string> drivers{
        {"bash",
         "source \"$0\" && COMP_WORDS=(rivetr \"$@\" '') && COMP_CWORD=$(($# + 1)) && _rivetr && "
         "printf '%s\\n' \"${COMPREPLY[@]}\""},
        {"zsh",
         "compdef() { :; }; _files() { :; }; compadd() { [[ $1 == -- ]] && shift; print -l -- \"$@\"; }; "
         "_describe() { print -l -- ${(P)2%%:*}; }; source \"$0\" && words=(rivetr \"$@\" '') && "
         "CURRENT=${#words} && _rivetr"}};
    std::vector<std::string> argv{shell, "-c", drivers.at(shell), script.string()};
    argv.insert(argv.end(), words.begin(), words.end());
    auto r = run(argv);
    EXPECT_EQ(r.exitCode, 0) << shell << ": " << r.output;
    auto out = lines(r.output);
    out.erase("");
    return out;
}

// Both scripts, written where the shells can source them.
struct Scripts {
    test::TempDir dir{"rivetr-completion"};
    std::map<std::string, std::filesystem::path> byShell{{"bash", dir.path() / "rivetr.bash"},
                                                         {"zsh", dir.path() / "rivetr.zsh"}};
    Scripts() {
        test::writeFile(byShell["bash"], bashCompletion());
        test::writeFile(byShell["zsh"], zshCompletion());
    }
};

std::vector<std::string> spellings(const CommandSpec& c) {
    std::vector<std::string> out;
    for (const auto& sub : c.subcommands) out.push_back(sub.name);
    for (const auto& o : allOptions(c)) {
        out.push_back("--" + o.name);
        if (!o.shortName.empty()) out.push_back(o.shortName);
    }
    return out;
}

struct Outcome {
    int exitCode;
    std::string out;
    std::string err;
};

Outcome dispatchCaptured(const std::vector<std::string>& args) {
    testing::internal::CaptureStdout();
    testing::internal::CaptureStderr();
    int code = dispatch(args);
    auto out = testing::internal::GetCapturedStdout();
    return {code, out, testing::internal::GetCapturedStderr()};
}

TEST(CommandRegistry, EveryCommandIsInHelpAndBothCompletions) {
    Scripts scripts;
    auto help = topLevelHelp();
    ASSERT_GE(commandRegistry().size(), 15u);
    for (const auto& [shell, script] : scripts.byShell) {
        auto commands = offers(shell, script, {});
        for (const auto& c : commandRegistry()) {
            EXPECT_TRUE(commands.count(c.name)) << shell << " does not complete the command " << c.name;
            auto offered = offers(shell, script, {c.name});
            for (const auto& word : spellings(c)) {
                EXPECT_TRUE(offered.count(word)) << shell << ": rivetr " << c.name << " does not offer " << word;
            }
        }
    }
    for (const auto& c : commandRegistry()) {
        EXPECT_TRUE(has(help, "\n  rivetr " + c.name + " ") || has(help, "\n  rivetr " + c.name + "\n")) << c.name;
    }
}

TEST(CommandRegistry, CompletionsOfferAnOptionsValues) {
    Scripts scripts;
    for (const auto& [shell, script] : scripts.byShell) {
        EXPECT_EQ(offers(shell, script, {"tokens", "create", "ci", "--role"}),
                  (std::set<std::string>{"admin", "developer", "viewer"}))
            << shell;
        EXPECT_EQ(offers(shell, script, {"deploy", "web", "--commit"}), std::set<std::string>{}) << shell;
    }
}

TEST(CommandRegistry, CompletionScriptsParse) {
    Scripts scripts;
    for (const auto& [shell, script] : scripts.byShell) {
        auto r = run({shell, "-n", script.string()});
        EXPECT_EQ(r.exitCode, 0) << shell << ": " << r.output;
    }
}

TEST(CommandRegistry, HelpForACommandListsItsOptions) {
    for (const auto& c : commandRegistry()) {
        auto r = dispatchCaptured({c.name, "--help"});
        EXPECT_EQ(r.exitCode, 0) << c.name << ": " << r.err;
        EXPECT_TRUE(has(r.out, "Usage:\n  rivetr " + c.name)) << r.out;
        for (const auto& o : allOptions(c)) EXPECT_TRUE(has(r.out, "--" + o.name)) << c.name << " --help lacks --" << o.name;
        for (const auto& sub : c.subcommands) EXPECT_TRUE(has(r.out, "rivetr " + c.name + " " + sub.name)) << r.out;
    }
    auto apps = dispatchCaptured({"apps", "create", "-h"});
    EXPECT_EQ(apps.exitCode, 0);
    EXPECT_TRUE(has(apps.out, "  --healthcheck-interval-ms N") && has(apps.out, "  --token TOKEN")) << apps.out;
    EXPECT_TRUE(has(dispatchCaptured({"logs", "--help"}).out, "  -f, --follow"));
    EXPECT_EQ(dispatchCaptured({"--help"}).out, topLevelHelp());
}

TEST(CommandRegistry, UnknownCommandsAndOptionsAreUsageErrors) {
    auto command = dispatchCaptured({"frobnicate"});
    EXPECT_EQ(command.exitCode, 2);
    EXPECT_TRUE(has(command.err, "rivetr: unknown command \"frobnicate\"\n\nrivetr — ")) << command.err;
    auto option = dispatchCaptured({"apps", "list", "--frobnicate"});
    EXPECT_EQ(option.exitCode, 2);
    EXPECT_TRUE(has(option.err, "rivetr: apps: unknown option --frobnicate (see rivetr apps --help)\n\nrivetr apps — "))
        << option.err;
    auto value = dispatchCaptured({"deploy", "web", "--commit"});
    EXPECT_EQ(value.exitCode, 2);
    EXPECT_TRUE(has(value.err, "option --commit needs a value")) << value.err;
    EXPECT_EQ(dispatchCaptured({"serve", "--url", "x"}).exitCode, 2) << "--url is for client commands only";
    EXPECT_EQ(dispatchCaptured({}).exitCode, 2);
}

// A client command's missing subcommand is answered with the registry's own list (the one help and the
// completions show), and an unknown one is named: the dispatch cannot drift from the registry.
TEST(CommandRegistry, AMissingSubcommandListsTheRegistrysSubcommands) {
    int checked = 0;
    for (const auto& command : commandRegistry()) {
        if (!command.client() || command.subcommands.empty()) continue;
        std::string names;
        for (std::size_t i = 0; i < command.subcommands.size(); ++i) {
            if (i) names += i + 1 == command.subcommands.size() ? " or " : ", ";
            names += command.subcommands[i].name;
        }
        auto missing = dispatchCaptured({command.name});
        EXPECT_EQ(missing.exitCode, 2) << command.name;
        EXPECT_TRUE(has(missing.err, "rivetr: missing subcommand (" + names + ")\n")) << missing.err;
        auto unknown = dispatchCaptured({command.name, "frobnicate"});
        EXPECT_EQ(unknown.exitCode, 2) << command.name;
        EXPECT_TRUE(has(unknown.err, "unknown " + command.name + " subcommand \"frobnicate\"")) << unknown.err;
        ++checked;
    }
    EXPECT_GE(checked, 8) << "apps, env, tokens, hosts, containers, images, domains, webhooks at least";
}

// `--` ends the options, and an option's value is a value: neither --help is a request for help.
TEST(CommandRegistry, HelpAfterDoubleDashOrAsAValueIsAnArgument) {
    auto r = dispatchCaptured({"completion", "--", "--help"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(has(r.err, "no completion for shell \"--help\"")) << r.err;
    auto value = dispatchCaptured({"logs", "web", "--lines", "-h"});
    EXPECT_EQ(value.exitCode, 2);
    EXPECT_TRUE(has(value.err, "--lines must be a whole number, got \"-h\"")) << value.err;
}

// Short spellings are declared in the registry and reach the handler as their long option.
TEST(CommandRegistry, ShortOptionsAreTheirLongOnes) {
    auto r = dispatchCaptured({"logs", "web", "-n", "many"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(has(r.err, "rivetr: --lines must be a whole number, got \"many\"")) << r.err;
    auto backup = dispatchCaptured({"backup", "-o"});
    EXPECT_EQ(backup.exitCode, 2);
    EXPECT_TRUE(has(backup.err, "backup: option --output needs a value")) << backup.err;
}

}  // namespace
}  // namespace rivetr::cli
