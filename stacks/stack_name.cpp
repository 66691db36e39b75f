// Stack names: the one rule every stack name obeys, and the name proposed for an adopted folder.
#include "stacks/stack_name.hpp"

namespace rivetr::stacks {
namespace {

constexpr std::size_t kMaxStackName = 63;

// ASCII only, never the locale: a name is the same on every host.
bool isLowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isNameChar(char c) { return isLowerOrDigit(c) || c == '-' || c == '_'; }
char toLowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool isValidStackName(std::string_view name) {
    if (name.empty() || name.size() > kMaxStackName || !isLowerOrDigit(name.front())) return false;
    for (char c : name)
        if (!isNameChar(c)) return false;
    return true;
}

std::string stackNameRule() {
    return "a stack name is lower-case letters, digits, '-' and '_', starting with a letter or digit (at most 63)";
}

// Compose lower-cases Unicode first; here non-ASCII bytes are simply dropped, which differs only for
// the rare letters whose lower case is ASCII (the Kelvin sign), not worth a Unicode table.
std::string proposeStackName(std::string_view folder) {
    std::string name;
    for (char raw : folder) {
        char c = toLowerAscii(raw);
        if (!isNameChar(c)) continue;
        if (name.empty() && !isLowerOrDigit(c)) continue;  // compose's TrimLeft("_-")
        name += c;
        if (name.size() == kMaxStackName) break;
    }
    return name;
}

}  // namespace rivetr::stacks
