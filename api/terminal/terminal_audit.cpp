// Writes every terminal session to the audit log: container.terminal_open, then container.terminal_close.
#include "api/terminal/terminal_audit.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/log.hpp"

namespace rivetr::api {
namespace {

nlohmann::json detailsOf(const std::string& phase, const terminal::TerminalRecord& r) {
    nlohmann::json d{{"host", r.hostId}, {"shell", r.shell}, {"exec_id", r.execId}, {"started_at_ms", r.startedMs}};
    if (!r.user.empty()) d["user"] = r.user;
    if (phase == "close") {
        d["ended_at_ms"] = r.endedMs;
        d["bytes_in"] = r.bytesIn;
        d["bytes_out"] = r.bytesOut;
        d["reason"] = r.reason;
        d["ending"] = r.ending;
    }
    return d;
}

}  // namespace

terminal::TerminalAuditSink terminalAuditSink(store::AuditRepository& log) {
    return [&log](const std::string& phase, const terminal::TerminalRecord& r) {
        store::AuditEntry e;
        e.ts = nowMs();
        e.actorType = r.actorType;
        e.actor = r.actor;
        e.action = "container.terminal_" + phase;
        e.targetType = "container";
        e.targetId = r.containerId;
        e.details = detailsOf(phase, r).dump();
        e.requestId = r.requestId;
        e.ip = r.clientIp;
        try {
            log.append(e);
        } catch (const std::exception& ex) {  // a full disk must not take the session's thread down
            log::error("terminal.audit_failed", {{"action", e.action}, {"error", ex.what()}});
        }
    };
}

}  // namespace rivetr::api
