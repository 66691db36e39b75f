// One open terminal: the browser's WebSocket on one side, the container's TTY exec on the other, until either ends.
#pragma once

#include <memory>
#include <string>

#include "runtime/container_io.hpp"
#include "terminal/terminal_exec.hpp"
#include "terminal/terminal_options.hpp"
#include "terminal/terminal_record.hpp"

namespace rivetr::terminal {

// The handshake as the HTTP server parsed it (it has already checked that it asks for a WebSocket).
struct UpgradeRequest {
    std::string target;   // "/api/containers/web/terminal?shell=auto"
    std::string host;     // the Host header
    std::string key;      // Sec-WebSocket-Key
    std::string version;  // Sec-WebSocket-Version
};

struct SessionStart {
    int fd = -1;  // the client's connected TCP socket, no byte of the 101 written yet; the session owns it
    UpgradeRequest request;
    PreparedExec exec;
    std::shared_ptr<runtime::ContainerIo> engine;
    TerminalRecord record;  // who and what; the session fills in the rest
};

// Protocol (docs/terminal.md): binary frames carry bytes both ways (keystrokes in, output out); a text frame
// from the client is a control message when it is a JSON object with a "type" (`{"type":"resize","cols":
// 120,"rows":40}`), else data. The exec is started by the client's first frame: when that is a resize, the
// TTY has the browser's size before any output is relayed. Pings every 15 s; no answer within the ping
// timeout ends the session, as do the idle timeout, the shell exiting, the client closing and stop().
// Whatever ended it, the exec is then ended for good (runtime/tty_exec_teardown.hpp) and the session audited.
class TerminalSession {
public:
    TerminalSession(SessionStart start, const TerminalOptions& options, TerminalAuditSink audit);
    ~TerminalSession();
    TerminalSession(const TerminalSession&) = delete;
    TerminalSession& operator=(const TerminalSession&) = delete;

    // Blocks until the session is over and its exec has ended: run it on a thread of its own.
    void run();
    // From any thread: closes the WebSocket with `reason`; run() then returns after the teardown.
    void stop(const std::string& reason);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace rivetr::terminal
