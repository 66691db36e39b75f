// A terminal's WebSocket must come from the dashboard's own page: its Origin is the origin the request arrived on.
#include "terminal/origin_check.hpp"

#include <algorithm>

namespace rivetr::terminal {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::string originOf(std::string_view url) {
    auto sep = url.find("://");
    if (sep == std::string_view::npos) return "";
    auto scheme = url.substr(0, sep);
    if (!equalsIgnoringCase(scheme, "http") && !equalsIgnoringCase(scheme, "https")) return "";
    auto end = url.find_first_of("/?#", sep + 3);
    auto origin = std::string(url.substr(0, end));
    return origin.size() > sep + 3 ? origin : "";
}

bool originAllowed(std::string_view origin, std::string_view scheme, std::string_view host,
                   const std::vector<std::string>& alsoAllowed) {
    if (origin.empty() || origin == "null" || host.empty()) return false;
    std::string own = std::string(scheme) + "://" + std::string(host);
    if (equalsIgnoringCase(origin, own)) return true;
    return std::any_of(alsoAllowed.begin(), alsoAllowed.end(),
                       [&](const std::string& o) { return !o.empty() && equalsIgnoringCase(origin, o); });
}

}  // namespace rivetr::terminal
