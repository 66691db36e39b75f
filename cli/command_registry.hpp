// The one list of rivetr's commands: dispatch, `--help` and the shell completions are all generated from it.
#pragma once

#include <string>
#include <vector>

#include "cli/args.hpp"

namespace rivetr::cli {

// What an option's value is; completions offer files for Path and the choices for Choice.
enum class ValueKind { None, Text, Number, Path, Choice };

struct OptionSpec {
    std::string name;       // long name without "--", e.g. "git-url"
    std::string shortName;  // e.g. "-f", or empty
    ValueKind kind = ValueKind::None;
    std::string metavar;    // how help shows the value, e.g. "URL"; empty for a flag
    std::string summary;
    std::vector<std::string> choices;  // for ValueKind::Choice
    bool required = false;             // shown without brackets in the synopsis

    bool takesValue() const { return kind != ValueKind::None; }
};

struct SubcommandSpec {
    std::string name;
    std::string args;  // positional arguments as help shows them, e.g. "APP KEY..."
    std::string summary;
    std::vector<OptionSpec> options;
};

// Where the top-level help lists a command.
enum class Section { Server, Client, Shell };

using CommandHandler = int (*)(const std::vector<std::string>& args);

struct CommandSpec {
    std::string name;
    std::string args;  // positional arguments of a command without subcommands
    std::string summary;
    Section section = Section::Client;
    std::vector<SubcommandSpec> subcommands;
    std::vector<OptionSpec> options;  // accepted by every subcommand
    CommandHandler handler = nullptr;

    // Client commands also take the common --url, --token and --json.
    bool client() const { return section == Section::Client; }
};

// Every command, in the order help lists them.
const std::vector<CommandSpec>& commandRegistry();
// The command called `name`, or nullptr.
const CommandSpec* findCommand(const std::string& name);
// The options of a client command every client command takes (--url, --token, --json).
const std::vector<OptionSpec>& commonClientOptions();
// Every option `command` accepts: its own, its subcommands', and the common ones of a client command.
std::vector<OptionSpec> allOptions(const CommandSpec& command);
// The parser spec for `name`'s options, so a handler parses exactly what the registry declares.
ArgSpec commandArgSpec(const std::string& name);

}  // namespace rivetr::cli
