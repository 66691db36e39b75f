// Loads rivetr.toml, applies RIVETR_<SECTION>_<KEY> overrides and validates, reporting every problem by key.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace rivetr {

struct ConfigProblem {
    std::string key;      // "server.api_port", or the env variable / file it came from
    std::string message;  // why it is wrong, in words a user can act on
};

struct ConfigLoad {
    Config config;
    std::vector<ConfigProblem> problems;
    std::optional<std::filesystem::path> file;  // the file actually read, if any
    bool ok() const { return problems.empty(); }
};

using Environment = std::map<std::string, std::string>;

Environment currentEnvironment();

// `path` given explicitly must exist; with no path, ./rivetr.toml is read when present and
// the built-in defaults are used otherwise.
ConfigLoad loadConfig(const std::optional<std::filesystem::path>& path, const Environment& env);

// Same rules for a TOML text already in memory (tests, `config check` on stdin).
ConfigLoad loadConfigText(const std::string& text, const std::string& sourceName, const Environment& env);

std::string formatProblem(const ConfigProblem& p);

}  // namespace rivetr
