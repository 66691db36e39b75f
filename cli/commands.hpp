// The subcommands of the rivetr binary; each returns its exit code (0 ok, 1 failed, 2 usage).
#pragma once

#include <string>
#include <vector>

namespace rivetr::cli {

int runServe(const std::vector<std::string>& args);
int runConfig(const std::vector<std::string>& args);

// Dispatches argv[1..] to a subcommand; --help, --version and usage errors are handled here.
int dispatch(const std::vector<std::string>& args);

}  // namespace rivetr::cli
