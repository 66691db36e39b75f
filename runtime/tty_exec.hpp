// An interactive exec with a terminal (the dashboard's terminal): what it runs, its state, its raw connection.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rivetr::runtime {

// What an interactive exec runs. The caller has validated argv and user (the engine runs them as given).
struct TtyExecSpec {
    std::vector<std::string> argv;
    std::string user;                           // "" = the container's user
    std::map<std::string, std::string> env;     // e.g. TERM, and the terminal's session marker
};

// GET /exec/{id}/json. `pid` is the process id in the HOST's pid namespace (not the container's).
struct ExecState {
    bool running = false;
    long long pid = 0;
    std::optional<int> exitCode;  // once it ended
};

// The exec's stream once the engine upgraded the HTTP connection to a raw one: bytes written are the
// terminal's keystrokes, bytes read its output (a TTY exec's stream carries no frame headers).
// Owns the socket; move-only. Not thread-safe: one reader and one writer at most, as with any socket.
class ExecConnection {
public:
    ExecConnection(int fd, std::string earlyOutput) : fd_(fd), earlyOutput_(std::move(earlyOutput)) {}
    ~ExecConnection();
    ExecConnection(ExecConnection&& other) noexcept;
    ExecConnection& operator=(ExecConnection&& other) noexcept;
    ExecConnection(const ExecConnection&) = delete;
    ExecConnection& operator=(const ExecConnection&) = delete;

    // A connected stream socket, blocking mode; the caller may switch it to non-blocking.
    int fd() const { return fd_; }
    // Output that arrived in the same read as the engine's 101 answer: it comes before anything read from fd().
    std::string takeEarlyOutput() { return std::move(earlyOutput_); }
    // Ends the exec's stdin (EOF) and keeps reading possible; idempotent.
    void closeInput();
    // Gives the descriptor away (the caller closes it); fd() is -1 afterwards.
    int release();

private:
    int fd_ = -1;
    std::string earlyOutput_;
};

}  // namespace rivetr::runtime
