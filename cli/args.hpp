// Command-line parsing for every subcommand: positionals, --flag, --option VALUE / --option=VALUE.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace rivetr::cli {

// A mistake in how the command was called: printed with the usage, exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ArgSpec {
    std::set<std::string> valueOptions;  // e.g. {"config", "url"} take a value
    std::set<std::string> flags;         // e.g. {"json", "wait"} take none
};

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;  // the last value of each option
    std::map<std::string, std::vector<std::string>> repeated;  // every value, in order (--label a=1 --label b=2)
    std::set<std::string> flags;

    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    std::optional<std::string> option(const std::string& name) const;
    std::vector<std::string> every(const std::string& name) const;
};

// Throws UsageError naming the unknown option or the option missing its value.
Args parseArgs(const std::vector<std::string>& argv, const ArgSpec& spec);

}  // namespace rivetr::cli
