// Identifiers for everything Rivetr creates: a type prefix plus random hex, safe as Docker names and paths.
#pragma once

#include <string>
#include <string_view>

namespace rivetr {

// e.g. newId("dep") -> "dep_5f0c3a9e1b7d4c21". Lower-case [a-z0-9_] only, so the id is valid in
// container names, image tags, labels and file names without escaping.
std::string newId(std::string_view prefix);

// True for ids newId could have produced with any prefix: use before an id reaches a path or argv.
bool isSafeId(std::string_view id);

}  // namespace rivetr
