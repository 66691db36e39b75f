// One terminal session as the audit log records it: who, which container and shell, when, how many bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace rivetr::terminal {

struct TerminalRecord {
    // Who (filled by the API from the authenticated request).
    std::string actorType, actor, clientIp, requestId;
    // What.
    std::string hostId, containerId, execId, shell, user;
    // When and how much (filled by the session).
    std::int64_t startedMs = 0, endedMs = 0;   // endedMs 0 on the "open" record
    std::uint64_t bytesIn = 0, bytesOut = 0;   // keystrokes to the shell, output to the browser
    std::string reason;                         // why it ended: "client closed", "idle timeout", "shell exited" …
    std::string ending;                         // how the exec ended (runtime::TtyExecEnding)
};

// Called once when a session opens (phase "open") and once when it has ended and its exec is over
// ("close"); on the session's own thread. Must not throw.
using TerminalAuditSink = std::function<void(const std::string& phase, const TerminalRecord& record)>;

}  // namespace rivetr::terminal
