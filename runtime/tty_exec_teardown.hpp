// Ends an interactive exec for good once its terminal closed: the engine has no call that kills an exec.
#pragma once

#include <chrono>
#include <string>

#include "runtime/container_io.hpp"

namespace rivetr::runtime {

// The environment variable that marks every process of one terminal session (the shell and, inherited,
// everything it starts). Its value is the session's random id.
inline constexpr const char* kTerminalMarkerEnv = "RIVETR_TERMINAL";

struct TtyExecEnd {
    std::string containerId, execId;
    std::string shell;   // the session's shell (it exists in the container): runs the signalling script
    std::string marker;  // the session's RIVETR_TERMINAL value: [0-9a-f]+
    std::chrono::milliseconds eofGrace{500};   // after EOF on stdin, before signalling
    std::chrono::milliseconds signalGrace{5000};  // after SIGHUP, before SIGKILL; and after SIGKILL
};

enum class TtyExecEnding { AlreadyOver, Eof, Hangup, Killed, StillRunning };
const char* toString(TtyExecEnding ending);

// Why not `kill -HUP <ExecInspect.Pid>` in the container: that Pid is the HOST's pid (measured: 29013
// for a shell whose $$ was 9), so in a container with its own pid namespace it would signal nothing,
// or an unrelated process that happens to have that number. Instead every process carrying the
// session's marker is signalled from a one-shot exec (as root in the container), which also ends
// what the shell started (a `sleep 300`, a `top`), since children inherit the environment. A process
// that clears its environment escapes; the result says StillRunning when the shell itself did.
//
// Steps (the caller has already closed the exec's connection, i.e. sent EOF on its stdin): wait
// eofGrace for the exec to end by itself (engines that hang the TTY up on EOF); SIGHUP the marked
// processes; after signalGrace, SIGKILL them; wait signalGrace again. Blocks up to eofGrace +
// 2 × signalGrace plus the execs' own time: run it off any thread that serves clients. Never throws.
TtyExecEnding endTtyExec(ContainerIo& io, const TtyExecEnd& end);

}  // namespace rivetr::runtime
