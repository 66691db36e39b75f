// `rivetr password`: the user who owns the API token changes their own password. The passwords are
// read from the terminal without echo (the new one twice), or as two lines from standard input
// when it is not a terminal (scripts), never from arguments, which other users can see in ps.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/output.hpp"
#include "core/non_copyable.hpp"

namespace rivetr::cli {
namespace {

// Echo stays off while the line is read and comes back even when reading throws.
class NoEcho : NonCopyable {
public:
    NoEcho() : active_(tcgetattr(STDIN_FILENO, &saved_) == 0) {
        if (!active_) return;
        termios quiet = saved_;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~NoEcho() {
        if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }

private:
    termios saved_{};
    bool active_;
};

std::string readSecret(const std::string& prompt, bool terminal) {
    std::string line;
    if (terminal) {
        std::cerr << prompt << std::flush;
        NoEcho quiet;
        std::getline(std::cin, line);
        std::cerr << "\n";
    } else {
        std::getline(std::cin, line);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) throw OperationFailed("no password given");
    return line;
}

int changePassword(ClientCall& c) {
    expectAtMost(c.args, 0);
    bool terminal = isatty(STDIN_FILENO) == 1;
    auto current = readSecret("Current password: ", terminal);
    auto next = readSecret("New password: ", terminal);
    if (terminal && readSecret("New password again: ", terminal) != next) throw OperationFailed("the two new passwords differ");
    auto r = c.api.call("POST", "/api/auth/password", {{"current_password", current}, {"new_password", next}});
    if (c.json) return printJson({{"user", r["user"]}}), 0;
    std::cout << "Password of " << r["user"].value("username", "") << " changed; every browser session was signed out. "
              << "API tokens keep working.\n";
    return 0;
}

}  // namespace

int runPassword(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("password"), changePassword);
}

}  // namespace rivetr::cli
