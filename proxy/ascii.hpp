// ASCII helpers for protocol text (header names, field values, Connection tokens): no locale, no libc call per character.
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

// Optional whitespace (SP, HTAB) off both ends, as HTTP trims field values and list elements.
constexpr std::string_view trimOws(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Calls fn with each non-empty element of a comma-separated field value (Connection, ...), trimmed.
template <class Fn>
void forEachListElement(std::string_view list, Fn fn) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto element = trimOws(list.substr(0, comma));
        if (!element.empty()) fn(element);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
}

}  // namespace rivetr::proxy
