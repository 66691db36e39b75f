// A compose file's text into a ComposeProject, or every issue found in it: the one validation every stack path runs before any side effect.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "stacks/compose_issue.hpp"
#include "stacks/compose_model.hpp"
#include "stacks/interpolation.hpp"

namespace rivetr::stacks {

struct ComposeSource {
    std::string text;                        // the compose file's bytes
    std::string fileName = "compose.yaml";   // as issues name it
    std::filesystem::path directory;         // the stack directory (absolute)
    std::string projectName;                 // the stack's name; a top-level `name:` must agree
    VariableLookup variables;                // the stack's .env, then its stored env; never the process's
    std::vector<std::string> profiles;       // enabled profiles
    std::filesystem::path homeDir;           // what `~` means in a bind source
    std::function<bool(const std::filesystem::path&)> exists;  // unset: std::filesystem::exists
};

// Throws ComposeInvalid listing every issue (syntax, unknown key, type, interpolation, references).
// What cannot be known from the file alone (an image's own healthcheck, the policy) is the planner's.
ComposeProject loadCompose(const ComposeSource& source);

}  // namespace rivetr::stacks
