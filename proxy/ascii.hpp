// Case-insensitive ASCII for protocol tokens (header names, Connection tokens): no locale, no libc call per character.
#pragma once

#include <cstddef>
#include <string_view>

namespace rivetr::proxy {

constexpr char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

constexpr bool asciiIEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i])) return false;
    }
    return true;
}

}  // namespace rivetr::proxy
