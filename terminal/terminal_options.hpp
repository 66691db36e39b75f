// The terminal's settings ([docker] terminal_* in the config) and the timings of its teardown.
#pragma once

#include <chrono>

namespace rivetr::terminal {

struct TerminalOptions {
    bool enabled = true;                                        // false: every terminal request is a 403
    std::chrono::milliseconds idleTimeout{15 * 60 * 1000};      // no keystroke or resize for this long: closed
    int maxSessionsPerUser = 3;                                 // open at once, per user (a 429 beyond)
    std::chrono::milliseconds pingTimeout{30 * 1000};           // a browser that answers no ping for this long is gone
    std::chrono::milliseconds eofGrace{500};                    // teardown: see runtime/tty_exec_teardown.hpp
    std::chrono::milliseconds signalGrace{5000};
};

}  // namespace rivetr::terminal
