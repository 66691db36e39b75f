// Reads a whole-number option value, so "--port abc" is a usage error rather than a server round trip.
#pragma once

#include <optional>
#include <string>

#include "cli/args.hpp"

namespace rivetr::cli {

// nullopt when the option is absent; UsageError when it is not an integer.
std::optional<long long> numberOption(const Args& args, const std::string& name);

}  // namespace rivetr::cli
