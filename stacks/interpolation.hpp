// Compose's variable interpolation (${V}, ${V:-d}, ${V:?e}, $$ ...) over values from the stack, never from Rivetr's own environment.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::stacks {

// A variable's value, nullopt when it is not set (an empty value is set).
using VariableLookup = std::function<std::optional<std::string>(std::string_view name)>;

// A template compose refuses: an unterminated or malformed ${...}, a `$` followed by something that is
// not a name, or a required variable (${V:?msg}, ${V?msg}) that is missing; the message says which.
class InterpolationError : public std::runtime_error {
public:
    InterpolationError(std::string variable, const std::string& message)
        : std::runtime_error(message), variable_(std::move(variable)) {}
    const std::string& variable() const { return variable_; }  // "" for a malformed template

private:
    std::string variable_;
};

// Replaces, as docker compose v2 does: `$$` -> `$`; `$V` and `${V}` -> V's value ("" when unset, and V
// joins `unset` when given); `${V:-d}` d when V is unset or empty, `${V-d}` when unset; `${V:?e}` fails
// with e when unset or empty, `${V?e}` when unset; `${V:+r}` r when set and not empty, `${V+r}` when set.
// Defaults, messages and replacements are themselves interpolated, so `${A:-${B:-c}}` nests.
std::string interpolate(std::string_view text, const VariableLookup& lookup,
                        std::vector<std::string>* unset = nullptr);

}  // namespace rivetr::stacks
