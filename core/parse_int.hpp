// Whole-string decimal integers from text Rivetr reads (labels, event attributes, config values).
#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace rivetr {

// The number `s` spells, or nullopt when it is empty, has anything else in it or does not fit.
inline std::optional<int> parseInt(std::string_view s) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace rivetr
