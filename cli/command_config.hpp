// Loads the configuration a local (non-client) command works on, printing every problem when it is invalid.
#pragma once

#include <optional>

#include "cli/args.hpp"
#include "core/config_loader.hpp"

namespace rivetr::cli {

// --config PATH, else ./rivetr.toml when present, else built-in defaults; environment overrides apply.
// nullopt (problems already on stderr) when invalid.
std::optional<ConfigLoad> loadConfigOrReport(const Args& args);

}  // namespace rivetr::cli
