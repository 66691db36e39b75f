// Runs external programs from argv vectors (never a shell string), with their output captured or streamed.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/non_copyable.hpp"


namespace rivetr {

struct SpawnOptions {
    std::optional<std::filesystem::path> workingDir;
    // Added to (or replacing) the parent's environment; secrets belong in files, not here,
    // when the child may show its environment.
    std::map<std::string, std::string> env;
    bool clearEnv = false;
    std::optional<std::filesystem::path> stdoutFile;  // else a pipe readable through Process
    std::optional<std::filesystem::path> stdinFile;   // else /dev/null (e.g. a CGI request body)
    bool mergeStderr = true;                          // stderr into the same destination
    std::optional<std::filesystem::path> stderrFile;  // when not merged: else the parent's stderr
    // A descriptor (e.g. an accepted socket) that becomes the child's stdin and stdout, so the child
    // talks over it directly and nobody pumps bytes; its stderr then goes to the Process pipe.
    int stdioFd = -1;
};

// A running child. Destroying it kills (SIGKILL) and reaps a child still running, so no test
// or caller can leak a process.
class Process : NonCopyable {
public:
    static Process spawn(const std::vector<std::string>& argv, const SpawnOptions& opts = {});
    Process(Process&&) noexcept;
    Process& operator=(Process&&) noexcept;
    ~Process();

    int pid() const { return pid_; }
    // Reads available output; returns false at EOF. `onData` gets each chunk as it arrives.
    void readAll(const std::function<void(std::string_view)>& onData);
    bool running();
    void signal(int sig);
    // Exit code, or 128+signal when killed. nullopt on timeout (the child is left running).
    std::optional<int> wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt);

private:
    Process(int pid, int outFd) : pid_(pid), outFd_(outFd) {}
    int pid_ = -1;
    int outFd_ = -1;
    std::optional<int> status_;
};

struct RunResult {
    int exitCode = -1;
    std::string output;  // stdout (+ stderr when merged)
};

// Runs to completion. Throws std::runtime_error when the program cannot be started.
RunResult run(const std::vector<std::string>& argv, const SpawnOptions& opts = {});

// Absolute path of `program` found on PATH, or nullopt.
std::optional<std::filesystem::path> findExecutable(const std::string& program);

}  // namespace rivetr
