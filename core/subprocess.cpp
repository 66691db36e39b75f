// Runs external programs from argv vectors (never a shell string), with their output captured or streamed.
#include "core/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "core/config_loader.hpp"

namespace rivetr {
namespace {

std::vector<std::string> buildEnv(const SpawnOptions& opts) {
    Environment env = opts.clearEnv ? Environment{} : currentEnvironment();
    for (const auto& [k, v] : opts.env) env[k] = v;
    std::vector<std::string> out;
    out.reserve(env.size());
    for (const auto& [k, v] : env) out.push_back(k + "=" + v);
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> p;
    for (auto& s : strings) p.push_back(s.data());
    p.push_back(nullptr);
    return p;
}

int decodeStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

}  // namespace

Process Process::spawn(const std::vector<std::string>& argv, const SpawnOptions& opts) {
    if (argv.empty()) throw std::invalid_argument("spawn: empty argv");
    auto args = argv;
    auto envStrings = buildEnv(opts);
    auto argp = pointers(args);
    auto envp = pointers(envStrings);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    int pipeFds[2] = {-1, -1};
    int outFd = -1;
    if (opts.stdioFd >= 0) {
        if (::pipe2(pipeFds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
        posix_spawn_file_actions_adddup2(&actions, opts.stdioFd, 0);
        posix_spawn_file_actions_adddup2(&actions, opts.stdioFd, 1);
        outFd = pipeFds[0];
    } else {
        if (opts.stdoutFile) {
            posix_spawn_file_actions_addopen(&actions, 1, opts.stdoutFile->c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        } else {
            if (::pipe2(pipeFds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
            posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
            outFd = pipeFds[0];
        }
        if (opts.mergeStderr) posix_spawn_file_actions_adddup2(&actions, 1, 2);
        else if (opts.stderrFile) posix_spawn_file_actions_addopen(&actions, 2, opts.stderrFile->c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&actions, 0, opts.stdinFile ? opts.stdinFile->c_str() : "/dev/null", O_RDONLY, 0);
    }
    if (opts.workingDir) posix_spawn_file_actions_addchdir_np(&actions, opts.workingDir->c_str());

    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, args[0].c_str(), &actions, nullptr, argp.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (pipeFds[1] >= 0) ::close(pipeFds[1]);
    if (rc != 0) {
        if (outFd >= 0) ::close(outFd);
        throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
    }
    return Process(pid, outFd);
}

Process::Process(Process&& o) noexcept : pid_(o.pid_), outFd_(o.outFd_), status_(o.status_) {
    o.pid_ = -1;
    o.outFd_ = -1;
}

Process& Process::operator=(Process&& o) noexcept {
    if (this != &o) {
        this->~Process();
        pid_ = o.pid_;
        outFd_ = o.outFd_;
        status_ = o.status_;
        o.pid_ = -1;
        o.outFd_ = -1;
    }
    return *this;
}

Process::~Process() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        int st = 0;
        ::waitpid(pid_, &st, 0);
    }
    if (outFd_ >= 0) ::close(outFd_);
}

void Process::readAll(const std::function<void(std::string_view)>& onData) {
    if (outFd_ < 0) return;
    char buf[16384];
    for (;;) {
        ssize_t n = ::read(outFd_, buf, sizeof buf);
        if (n > 0) {
            if (onData) onData(std::string_view(buf, static_cast<std::size_t>(n)));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    ::close(outFd_);
    outFd_ = -1;
}

bool Process::running() {
    if (pid_ <= 0 || status_) return false;
    int st = 0;
    pid_t r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
        status_ = decodeStatus(st);
        return false;
    }
    return true;
}

void Process::signal(int sig) {
    if (pid_ > 0 && !status_) ::kill(pid_, sig);
}

std::optional<int> Process::wait(std::optional<std::chrono::milliseconds> timeout) {
    if (status_) return status_;
    if (pid_ <= 0) return std::nullopt;
    if (!timeout) {
        int st = 0;
        while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
        }
        status_ = decodeStatus(st);
        return status_;
    }
    auto deadline = std::chrono::steady_clock::now() + *timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return status_;
}

RunResult run(const std::vector<std::string>& argv, const SpawnOptions& opts) {
    auto p = Process::spawn(argv, opts);
    RunResult r;
    p.readAll([&](std::string_view chunk) { r.output.append(chunk); });
    r.exitCode = p.wait().value_or(-1);
    return r;
}

std::optional<std::filesystem::path> findExecutable(const std::string& program) {
    if (program.find('/') != std::string::npos) {
        if (::access(program.c_str(), X_OK) == 0) return std::filesystem::path(program);
        return std::nullopt;
    }
    const char* path = std::getenv("PATH");
    std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    while (!dirs.empty()) {
        auto colon = dirs.find(':');
        auto dir = dirs.substr(0, colon);
        std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        if (colon == std::string_view::npos) break;
        dirs.remove_prefix(colon + 1);
    }
    return std::nullopt;
}

}  // namespace rivetr
