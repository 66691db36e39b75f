// Strict integer parsing of option values (no trailing junk, no overflow).
#include "cli/number_option.hpp"

#include <charconv>

namespace rivetr::cli {

std::optional<long long> numberOption(const Args& args, const std::string& name) {
    auto v = args.option(name);
    if (!v) return std::nullopt;
    long long n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (v->empty() || ec != std::errc() || end != v->data() + v->size()) {
        throw UsageError("--" + name + " must be a whole number, got \"" + *v + "\"");
    }
    return n;
}

}  // namespace rivetr::cli
