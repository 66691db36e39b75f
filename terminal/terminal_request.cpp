// What a terminal request may choose: a shell from a short allow-list and a user name or uid, nothing else.
#include "terminal/terminal_request.hpp"

#include <algorithm>

namespace rivetr::terminal {
namespace {

constexpr std::size_t kMaxUserLength = 32;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLowerOrUnderscore(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

bool isUserName(const std::string& u) {
    if (!isLowerOrUnderscore(u.front())) return false;
    return std::all_of(u.begin() + 1, u.end(), [](char c) { return isLowerOrUnderscore(c) || isDigit(c) || c == '-'; });
}

bool isUidGid(const std::string& u) {
    auto colon = u.find(':');
    auto digits = [](std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), isDigit); };
    if (colon == std::string::npos) return digits(u);
    return digits(std::string_view(u).substr(0, colon)) && digits(std::string_view(u).substr(colon + 1));
}

}  // namespace

const std::vector<std::string>& allowedShells() {
    // bash first: the richest line editing where it exists; sh last: everything has it.
    static const std::vector<std::string> shells{"/bin/bash", "/bin/ash", "/bin/sh"};
    return shells;
}

std::optional<std::vector<std::string>> shellCandidates(const std::string& requested) {
    if (requested.empty() || requested == "auto") return allowedShells();
    const auto& all = allowedShells();
    if (std::find(all.begin(), all.end(), requested) == all.end()) return std::nullopt;
    return std::vector<std::string>{requested};
}

bool validExecUser(const std::string& user) {
    if (user.empty()) return true;
    if (user.size() > kMaxUserLength) return false;
    return isUserName(user) || isUidGid(user);
}

}  // namespace rivetr::terminal
