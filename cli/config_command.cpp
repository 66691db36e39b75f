// `rivetr config check`: validates the configuration (file + environment) and lists every problem.
#include <iostream>

#include "cli/args.hpp"
#include "cli/command_registry.hpp"
#include "cli/commands.hpp"
#include "core/config_loader.hpp"

namespace rivetr::cli {

int runConfig(const std::vector<std::string>& args) {
    auto parsed = parseArgs(args, commandArgSpec("config"));
    if (parsed.positional.size() != 1 || parsed.positional[0] != "check") {
        throw UsageError("usage: rivetr config check [--config PATH]");
    }
    std::optional<std::filesystem::path> path;
    if (auto p = parsed.option("config")) path = *p;
    auto load = loadConfig(path, currentEnvironment());
    auto source = load.file ? load.file->string() : std::string("built-in defaults");
    if (load.ok()) {
        std::cout << "configuration OK (" << source << ")\n";
        return 0;
    }
    std::cerr << "configuration has " << load.problems.size() << " problem" << (load.problems.size() > 1 ? "s" : "")
              << " (" << source << "):\n";
    for (const auto& p : load.problems) std::cerr << "  " << formatProblem(p) << "\n";
    return 1;
}

}  // namespace rivetr::cli
