// What a terminal client's WebSocket frame means: keystrokes for the shell, or a control message (resize).
#pragma once

#include <string_view>

namespace rivetr::terminal {

// Binary frames are always data. A text frame is a control message when it is a JSON object with a
// string "type" (the dashboard sends its keystrokes as binary, so typed or pasted text that happens to be
// JSON is never taken for one); any other text frame is data too.
struct ClientFrame {
    enum class Kind { Data, Resize, Ignored } kind = Kind::Data;
    unsigned cols = 0, rows = 0;  // Resize: both within 1..kMaxTerminalSide
};

inline constexpr unsigned kMaxTerminalSide = 1000;

// Control messages with an unknown type, or a resize with missing or out-of-range sides, are Ignored
// (a newer client must not end the session of an older server).
ClientFrame classifyFrame(bool text, std::string_view payload);

}  // namespace rivetr::terminal
