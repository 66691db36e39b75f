// The exec a terminal will run, made before the WebSocket opens: a shell that exists, as the user asked, marked.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/field_error.hpp"
#include "runtime/container_io.hpp"

namespace rivetr::terminal {

struct PreparedExec {
    std::string containerId;
    std::string execId;
    std::string shell;   // the one that was found
    std::string marker;  // RIVETR_TERMINAL's value for this session (runtime/tty_exec_teardown.hpp)
};

// None of the candidate shells runs in the container (as that user): the API answers 400 naming the field.
class ShellUnavailable : public FieldError {
public:
    using FieldError::FieldError;
};

// Why here and not after the upgrade: every refusal (no such container, not running, no shell, unknown user)
// is still an HTTP answer with the contract's JSON, not a WebSocket that closes at once. The exec is only
// created, not started: no process runs until the session attaches to it.
// Blocking engine calls (one short exec per shell tried): run on a worker, never on a reactor thread.
// Throws ShellUnavailable, or runtime::RuntimeError (NotFound; Conflict when the container is not running).
PreparedExec prepareExec(runtime::ContainerIo& io, const std::string& containerId,
                         const std::vector<std::string>& shells, const std::string& user);

}  // namespace rivetr::terminal
