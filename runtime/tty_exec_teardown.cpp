// Ends an interactive exec for good once its terminal closed: the engine has no call that kills an exec.
#include "runtime/tty_exec_teardown.hpp"

#include <thread>

#include "core/enum_names.hpp"
#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPollEvery = std::chrono::milliseconds(100);

// A constant program: the marker and the signal arrive in its environment, never in its text. It skips
// itself; `grep -z -x` compares whole NUL-separated entries (busybox's plain grep stops at the first
// NUL), so its own RIVETR_TERMINAL_END=… never matches the needle RIVETR_TERMINAL=….
constexpr const char* kSignalScript =
    "for d in /proc/[0-9]*; do p=${d#/proc/}; [ \"$p\" = \"$$\" ] && continue; "
    "grep -qsxzF \"RIVETR_TERMINAL=$RIVETR_TERMINAL_END\" \"$d/environ\" && kill -\"$RIVETR_TERMINAL_SIGNAL\" \"$p\"; "
    "done; exit 0";

// True once the exec is over (or gone with its container); false when the wait ran out.
bool endsWithin(ContainerIo& io, const std::string& execId, std::chrono::milliseconds wait) {
    auto deadline = Clock::now() + wait;
    for (;;) {
        try {
            if (!io.inspectExec(execId).running) return true;
        } catch (const RuntimeError& e) {
            if (e.kind() == ErrorKind::NotFound) return true;
        }
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(kPollEvery);
    }
}

void signalMarked(ContainerIo& io, const TtyExecEnd& end, const char* signal) {
    ExecOptions o;
    o.user.push_back('0');  // root in the container: it may signal any process there
    o.env = {{"RIVETR_TERMINAL_END", end.marker}, {"RIVETR_TERMINAL_SIGNAL", signal}};
    try {
        io.exec(end.containerId, {end.shell, "-c", kSignalScript}, o);
    } catch (const RuntimeError&) {
        // The container stopped meanwhile (Conflict) or is gone: its processes are gone with it.
    }
}

bool validMarker(const std::string& m) {
    if (m.empty()) return false;
    for (char c : m)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

const char* toString(TtyExecEnding ending) {
    constexpr EnumName<TtyExecEnding> kNames[] = {{TtyExecEnding::AlreadyOver, "already_over"}, {TtyExecEnding::Eof, "eof"},
                                                  {TtyExecEnding::Hangup, "hangup"}, {TtyExecEnding::Killed, "killed"},
                                                  {TtyExecEnding::StillRunning, "still_running"}};
    return nameOf(ending, kNames, "unknown");
}

TtyExecEnding endTtyExec(ContainerIo& io, const TtyExecEnd& end) {
    if (endsWithin(io, end.execId, std::chrono::milliseconds(0))) return TtyExecEnding::AlreadyOver;
    if (endsWithin(io, end.execId, end.eofGrace)) return TtyExecEnding::Eof;
    if (!validMarker(end.marker)) return TtyExecEnding::StillRunning;  // never a pattern that matches everything
    signalMarked(io, end, "HUP");
    if (endsWithin(io, end.execId, end.signalGrace)) return TtyExecEnding::Hangup;
    signalMarked(io, end, "KILL");
    return endsWithin(io, end.execId, end.signalGrace) ? TtyExecEnding::Killed : TtyExecEnding::StillRunning;
}

}  // namespace rivetr::runtime
