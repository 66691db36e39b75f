// What a terminal client's WebSocket frame means: keystrokes for the shell, or a control message (resize).
#include "terminal/terminal_frames.hpp"

#include <nlohmann/json.hpp>

namespace rivetr::terminal {
namespace {

bool validSide(const nlohmann::json& v) {
    return v.is_number_integer() && v.get<long long>() >= 1 && v.get<long long>() <= kMaxTerminalSide;
}

}  // namespace

ClientFrame classifyFrame(bool text, std::string_view payload) {
    ClientFrame f;
    // A control message starts with '{': anything else (the usual keystroke) skips the parser.
    if (!text || payload.empty() || payload.front() != '{') return f;
    auto j = nlohmann::json::parse(payload, nullptr, false);
    if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) return f;
    f.kind = ClientFrame::Kind::Ignored;
    if (j["type"] != "resize" || !j.contains("cols") || !j.contains("rows") || !validSide(j["cols"]) ||
        !validSide(j["rows"]))
        return f;
    f.kind = ClientFrame::Kind::Resize;
    f.cols = j["cols"].get<unsigned>();
    f.rows = j["rows"].get<unsigned>();
    return f;
}

}  // namespace rivetr::terminal
