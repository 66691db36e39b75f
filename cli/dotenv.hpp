// Reads KEY=VALUE assignments, from the command line or a .env file (comments, quotes, `export `).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace rivetr::cli {

using EnvPair = std::pair<std::string, std::string>;

// One `KEY=VALUE` argument; throws UsageError when there is no '=' or the key is empty.
EnvPair parseAssignment(const std::string& arg);

// A .env text: blank lines and `#` comments skipped, optional `export ` prefix, values in single
// quotes taken literally, in double quotes with \n \" \\ escapes, unquoted values cut at " #".
// Throws UsageError naming the line number of a malformed line.
std::vector<EnvPair> parseDotenv(const std::string& text);

}  // namespace rivetr::cli
