// A stack's .env file read the way docker compose v2 reads it.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::stacks {

struct DotenvEntry {
    std::string key, value;
    int line = 0;  // 1-based
};

class DotenvError : public std::runtime_error {
public:
    DotenvError(int line, const std::string& message) : std::runtime_error(message), line_(line) {}
    int line() const { return line_; }

private:
    int line_;
};

// `KEY=value` lines (an optional `export ` prefix; blank lines and `#` comments skipped). Unquoted values
// are trimmed and end at ` #`; 'single' quotes are literal; "double" quotes take \n \t \\ \" escapes and
// may span lines. Unquoted and double-quoted values interpolate ${VAR} from the entries above them
// (and only them: never the process environment). A later key overrides an earlier one; the order is
// that of first appearance. A line that is not an assignment, or a bad key, is an error with its line.
std::vector<DotenvEntry> parseDotenv(std::string_view text);

}  // namespace rivetr::stacks
