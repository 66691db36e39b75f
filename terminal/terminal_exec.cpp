// The exec a terminal will run, made before the WebSocket opens: a shell that exists, as the user asked, marked.
#include "terminal/terminal_exec.hpp"

#include "core/crypto.hpp"
#include "runtime/tty_exec_teardown.hpp"

namespace rivetr::terminal {
namespace {

// The first shell that runs `exit 0` in the container as `user`; "" when none does.
std::string firstShellThatRuns(runtime::ContainerIo& io, const std::string& containerId,
                               const std::vector<std::string>& shells, const std::string& user) {
    runtime::ExecOptions o;
    o.user = user;
    for (const auto& shell : shells) {
        // A missing binary or user is not an engine error here: the exec starts and exits 126/127.
        if (io.exec(containerId, {shell, "-c", "exit 0"}, o).exitCode == 0) return shell;
    }
    return "";
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

}  // namespace

PreparedExec prepareExec(runtime::ContainerIo& io, const std::string& containerId,
                         const std::vector<std::string>& shells, const std::string& user) {
    PreparedExec p;
    p.containerId = containerId;
    p.shell = firstShellThatRuns(io, containerId, shells, user);
    if (p.shell.empty()) {
        // Tell a missing user from a missing shell: the same shells as the container's own user.
        if (!user.empty() && !firstShellThatRuns(io, containerId, shells, "").empty())
            throw ShellUnavailable("user", "user '" + user + "' cannot run a shell in this container");
        throw ShellUnavailable("shell", "no shell to run in this container (tried " + joined(shells) + ")");
    }
    p.marker = crypto::toHex(crypto::randomBytes(16));
    runtime::TtyExecSpec spec{{p.shell}, user, {{"TERM", "xterm-256color"}, {runtime::kTerminalMarkerEnv, p.marker}}};
    p.execId = io.createTtyExec(containerId, spec);
    return p;
}

}  // namespace rivetr::terminal
