// A range of TCP ports written "FIRST-LAST" in the config ([runtime] host_port_range).
#include "core/port_range.hpp"

#include <stdexcept>
#include <string_view>

#include "core/parse_int.hpp"

namespace rivetr {
namespace {

int parsePort(std::string_view s, const std::string& whole) {
    auto v = parseInt(s);
    if (!v || *v < 1024 || *v > 65535)
        throw std::invalid_argument("\"" + whole + "\": ports must be numbers from 1024 to 65535");
    return *v;
}

}  // namespace

PortRange parsePortRange(const std::string& text) {
    auto dash = text.find('-');
    if (dash == std::string::npos) throw std::invalid_argument("\"" + text + "\": expected FIRST-LAST, e.g. 20000-29999");
    PortRange r{parsePort(std::string_view(text).substr(0, dash), text),
                parsePort(std::string_view(text).substr(dash + 1), text)};
    if (r.first > r.last) throw std::invalid_argument("\"" + text + "\": FIRST is above LAST");
    return r;
}

}  // namespace rivetr
