// A terminal client for tests: a real WebSocket (Beast) that opens, types, resizes, reads back and hangs up.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace rivetr::terminal::testing {

class WsTerminalClient {
public:
    WsTerminalClient();
    ~WsTerminalClient();
    WsTerminalClient(const WsTerminalClient&) = delete;
    WsTerminalClient& operator=(const WsTerminalClient&) = delete;

    // Connects to 127.0.0.1:port and asks for the WebSocket at `target` with these extra headers (Origin,
    // Cookie …). Returns the answer's status: 101 when open; otherwise `body` gets the answer's body.
    int open(std::uint16_t port, const std::string& target, const std::map<std::string, std::string>& headers,
             std::string* body = nullptr);

    void type(std::string_view keys);  // a binary frame, as the dashboard sends keystrokes
    void resize(unsigned cols, unsigned rows);
    // Reads until `needle` is in output() (true) or `wait` passes or the server closed (false).
    bool readUntil(const std::string& needle, std::chrono::milliseconds wait);
    // Reads until the server closes (true) within `wait`; closeReason() then says why.
    bool readUntilClosed(std::chrono::milliseconds wait);
    const std::string& output() const { return output_; }
    const std::string& closeReason() const { return closeReason_; }

    void close();           // a close frame, as a tab that closes the terminal
    void dropConnection();  // the TCP connection cut without a close frame, as a killed tab

private:
    struct Impl;
    // One read of at most `wait`; false on timeout (the read is cancelled) or close.
    bool readOnce(std::chrono::milliseconds wait);
    std::unique_ptr<Impl> impl_;
    std::string output_, closeReason_;
    bool closed_ = false;
};

}  // namespace rivetr::terminal::testing
