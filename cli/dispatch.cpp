// Dispatches the command line to a registered command, and owns --help, --version and usage errors (exit 2).
#include <algorithm>
#include <iostream>

#include "cli/args.hpp"
#include "cli/command_help.hpp"
#include "cli/command_registry.hpp"
#include "cli/commands.hpp"
#include "core/version.hpp"

namespace rivetr::cli {
namespace {

bool isHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }

// True when --help/-h is among the options: not after "--", and not as the value of an option (--file -h).
bool asksForHelp(const CommandSpec& command, const std::vector<std::string>& args) {
    auto spec = commandArgSpec(command.name);
    for (std::size_t i = 0; i < args.size() && args[i] != "--"; ++i) {
        if (isHelp(args[i])) return true;
        if (args[i].rfind("--", 0) == 0 && spec.valueOptions.count(args[i].substr(2))) ++i;
    }
    return false;
}

// Short options become their long spelling, so handlers and the parser only see --name.
std::vector<std::string> withLongOptions(const CommandSpec& command, std::vector<std::string> args) {
    auto options = allOptions(command);
    for (auto& a : args) {
        if (a == "--") break;
        auto it = std::find_if(options.begin(), options.end(), [&](const OptionSpec& o) { return o.shortName == a; });
        if (it != options.end()) a = "--" + it->name;
    }
    return args;
}

// Checks every option against the registry before the handler runs, so the message names the command.
void checkOptions(const CommandSpec& command, const std::vector<std::string>& args) {
    try {
        parseArgs(args, commandArgSpec(command.name));
    } catch (const UsageError& e) {
        throw UsageError(command.name + ": " + e.what() + " (see rivetr " + command.name + " --help)");
    }
}

int runCommand(const CommandSpec& command, const std::vector<std::string>& rawArgs) {
    auto args = withLongOptions(command, rawArgs);
    if (asksForHelp(command, args)) {
        std::cout << commandHelp(command);
        return 0;
    }
    checkOptions(command, args);
    return command.handler(args);
}

}  // namespace

int dispatch(const std::vector<std::string>& args) {
    const CommandSpec* command = nullptr;
    try {
        if (args.empty()) throw UsageError("missing command");
        const auto& name = args[0];
        if (isHelp(name) || name == "help") {
            std::cout << topLevelHelp();
            return 0;
        }
        if (name == "--version" || name == "-V" || name == "version") {
            std::cout << "rivetr " << RIVETR_VERSION << "\n";
            return 0;
        }
        command = findCommand(name);
        if (!command) throw UsageError("unknown command \"" + name + "\"");
        return runCommand(*command, std::vector<std::string>(args.begin() + 1, args.end()));
    } catch (const UsageError& e) {
        std::cerr << "rivetr: " << e.what() << "\n\n" << (command ? commandHelp(*command) : topLevelHelp());
        return 2;
    }
}

}  // namespace rivetr::cli
