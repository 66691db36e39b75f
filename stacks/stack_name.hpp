// Stack names: the one rule every stack name obeys, and the name proposed for an adopted folder.
#pragma once

#include <string>
#include <string_view>

namespace rivetr::stacks {

// The compose project-name rule `^[a-z0-9][a-z0-9_-]*$`, at most 63 characters (a DNS label, so the
// name fits into container and network names). A valid name is also a safe single path segment:
// no '/', no '.', no "..".
bool isValidStackName(std::string_view name);

// The rule in words, for error messages.
std::string stackNameRule();

// What compose v2 makes of a folder name (NormalizeProjectName): lower-cased, characters outside
// [a-z0-9_-] dropped, leading '-' and '_' stripped. "Test/" -> "test", "My App!" -> "myapp";
// "" when nothing is left. Cut to 63 characters so that the proposal is always valid or empty.
std::string proposeStackName(std::string_view folder);

}  // namespace rivetr::stacks
