// `rivetr --help` and `rivetr COMMAND --help`, written from the command registry.
#pragma once

#include <string>

#include "cli/command_registry.hpp"

namespace rivetr::cli {

// Every command with its subcommands, arguments and options, then configuration and exit codes.
std::string topLevelHelp();
// One command: its usage lines and every option it takes, with what each does.
std::string commandHelp(const CommandSpec& command);

}  // namespace rivetr::cli
