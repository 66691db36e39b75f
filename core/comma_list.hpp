// Config values that list several things in one string ("/srv/a, /srv/b"): split the one way every reader agrees on.
#pragma once

#include <string>
#include <vector>

namespace rivetr {

// The comma-separated entries of `value`, each trimmed of spaces and tabs; empty entries dropped.
std::vector<std::string> splitCommaList(const std::string& value);

}  // namespace rivetr
