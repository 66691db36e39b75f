// A range of TCP ports written "FIRST-LAST" in the config ([runtime] host_port_range).
#pragma once

#include <string>

namespace rivetr {

struct PortRange {
    int first = 20000;
    int last = 29999;
};

// Parses "20000-29999": numbers from 1024 to 65535, FIRST not above LAST. Throws
// std::invalid_argument naming what is wrong.
PortRange parsePortRange(const std::string& text);

}  // namespace rivetr
