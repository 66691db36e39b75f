// Loads the configuration a local (non-client) command works on, printing every problem when it is invalid.
#include "cli/command_config.hpp"

#include <iostream>

namespace rivetr::cli {

std::optional<ConfigLoad> loadConfigOrReport(const Args& args) {
    std::optional<std::filesystem::path> path;
    if (auto p = args.option("config")) path = *p;
    auto load = loadConfig(path, currentEnvironment());
    if (load.ok()) return load;
    std::cerr << "rivetr: the configuration is invalid:\n";
    for (const auto& p : load.problems) std::cerr << "  " << formatProblem(p) << "\n";
    return std::nullopt;
}

}  // namespace rivetr::cli
