// An enum's names as one table, read both ways: a value's name and the value of a name, so the two
// directions (what is stored or sent, and what is read back) cannot drift apart.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace rivetr {

template <typename E>
struct EnumName {
    E value;
    const char* name;
};

// The name of `value` in `names`; `otherwise` for a value the table lacks (a cast from a bad integer).
template <typename E, std::size_t N>
constexpr const char* nameOf(E value, const EnumName<E> (&names)[N], const char* otherwise) {
    for (const auto& n : names)
        if (n.value == value) return n.name;
    return otherwise;
}

// The value named `name` in `names`; nullopt for a name the table lacks.
template <typename E, std::size_t N>
constexpr std::optional<E> valueOf(std::string_view name, const EnumName<E> (&names)[N]) {
    for (const auto& n : names)
        if (name == n.name) return n.value;
    return std::nullopt;
}

}  // namespace rivetr
