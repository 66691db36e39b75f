// Writes every terminal session to the audit log: container.terminal_open, then container.terminal_close.
#pragma once

#include "store/audit_repository.hpp"
#include "terminal/terminal_record.hpp"

namespace rivetr::api {

// The sink a TerminalService is built with; `log` must outlive it (the server stops the terminals first).
terminal::TerminalAuditSink terminalAuditSink(store::AuditRepository& log);

}  // namespace rivetr::api
