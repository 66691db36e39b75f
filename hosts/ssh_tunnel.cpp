// Docker over SSH: each connection to the private socket is handed to its own `ssh … docker system dial-stdio` as stdin/stdout.
#include "hosts/ssh_tunnel.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/log.hpp"
#include "core/subprocess.hpp"

namespace rivetr::hosts {

struct SshTunnel::Connection {
    explicit Connection(Process p) : process(std::move(p)) {}
    Process process;
    bool done = false;  // guarded by the tunnel's mutex, as are the process's wait and signal
    std::thread thread;
};

namespace {

int listenOn(const std::filesystem::path& path) {
    std::filesystem::create_directories(path.parent_path());
    std::filesystem::permissions(path.parent_path(), std::filesystem::perms::owner_all);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.native().size() >= sizeof addr.sun_path) throw std::runtime_error("socket path too long: " + path.string());
    std::strcpy(addr.sun_path, path.c_str());
    ::unlink(path.c_str());  // a socket left by a previous run
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::chmod(path.c_str(), 0600) != 0 ||
        ::listen(fd, 64) != 0) {
        const int err = errno;
        ::close(fd);
        throw std::runtime_error("cannot listen on " + path.string() + ": " + std::strerror(err));
    }
    return fd;
}

// The last non-empty line: ssh's reason comes last, after any warning banner.
std::string lastLine(const std::string& text) {
    auto end = text.find_last_not_of("\r\n");
    if (end == std::string::npos) return "";
    auto start = text.find_last_of('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace

std::vector<std::string> sshDialArgv(const SshTarget& t) {
    const auto seconds = std::max<long long>(1, (t.connectTimeout.count() + 999) / 1000);
    std::vector<std::string> argv{
        "ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o",
        "UserKnownHostsFile=" + t.knownHostsFile.string(), "-o", "GlobalKnownHostsFile=/dev/null", "-o",
        "HostKeyAlgorithms=" + t.hostKeyType, "-o", "CheckHostIP=no", "-o", "IdentitiesOnly=yes", "-o",
        "IdentityAgent=none", "-o", "ConnectTimeout=" + std::to_string(seconds), "-o", "ServerAliveInterval=15",
        "-o", "LogLevel=ERROR", "-i", t.keyFile.string()};
    if (!t.controlPath.empty()) {
        // The master goes to the background with its stdio on /dev/null, so this connection's stderr
        // pipe still ends with its own ssh; an idle master exits after 30 s.
        argv.insert(argv.end(), {"-o", "ControlMaster=auto", "-o", "ControlPath=" + t.controlPath.string(), "-o",
                                 "ControlPersist=30"});
    }
    argv.insert(argv.end(), {"-p", std::to_string(t.address.port), "-l", t.address.user, "--", t.address.host, "docker",
                             "system", "dial-stdio"});
    return argv;
}

// "stop" (no new sessions on the shared connection) or "exit" (end it now), sent to the master.
void SshTunnel::controlCommand(const std::string& command) {
    if (target_.controlPath.empty() || !std::filesystem::exists(target_.controlPath)) return;
    SpawnOptions opts;
    opts.clearEnv = true;
    opts.env = {{"PATH", "/usr/bin:/bin"}};
    run({"ssh", "-F", "/dev/null", "-o", "ControlPath=" + target_.controlPath.string(), "-O", command, "-p",
         std::to_string(target_.address.port), "-l", target_.address.user, "--", target_.address.host},
        opts);
}

SshTunnel::SshTunnel(std::filesystem::path socketPath, SshTarget target)
    : socketPath_(std::move(socketPath)), target_(std::move(target)) {
    listenFd_ = listenOn(socketPath_);
    struct stat st {};
    if (::stat(socketPath_.c_str(), &st) == 0) socketInode_ = st.st_ino;
    wakeFd_ = ::eventfd(0, EFD_CLOEXEC);
    acceptThread_ = std::thread([this] { acceptLoop(); });
}

SshTunnel::~SshTunnel() {
    std::uint64_t one = 1;
    if (::write(wakeFd_, &one, sizeof one) < 0) log::warn("hosts.tunnel_wake_failed", {{"error", std::strerror(errno)}});
    acceptThread_.join();
    {
        std::lock_guard lock(mutex_);
        for (auto& c : connections_)
            if (!c.done) c.process.signal(SIGKILL);
    }
    for (auto& c : connections_) c.thread.join();
    controlCommand("exit");
    ::close(listenFd_);
    ::close(wakeFd_);
    // A successor tunnel for the same host (after an update) may already listen at this path.
    struct stat st {};
    if (::stat(socketPath_.c_str(), &st) == 0 && st.st_ino == socketInode_) ::unlink(socketPath_.c_str());
}

std::uint64_t SshTunnel::failures() const {
    std::lock_guard lock(mutex_);
    return failures_;
}

std::string SshTunnel::awaitFailureAfter(std::uint64_t count, std::chrono::milliseconds wait) const {
    std::unique_lock lock(mutex_);
    return failed_.wait_for(lock, wait, [&] { return failures_ > count; }) ? lastError_ : "";
}

void SshTunnel::acceptLoop() {
    for (;;) {
        pollfd fds[2] = {{listenFd_, POLLIN, 0}, {wakeFd_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents != 0) return;
        int client = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        reapFinished();
        serve(client);
    }
}

// The child gets the connection as stdin and stdout; this side keeps only its stderr, for the reason
// a connection failed.
void SshTunnel::serve(int clientFd) {
    SpawnOptions opts;
    opts.clearEnv = true;  // a fixed environment: nothing of Rivetr's own reaches ssh
    opts.env = {{"PATH", "/usr/bin:/bin"}};
    opts.stdioFd = clientFd;
    std::lock_guard lock(mutex_);
    try {
        auto& c = connections_.emplace_back(Process::spawn(sshDialArgv(target_), opts));
        c.thread = std::thread([this, &c] {
            std::string stderrText;
            c.process.readAll([&](std::string_view chunk) { stderrText += chunk; });
            std::lock_guard doneLock(mutex_);
            const int code = c.process.wait().value_or(-1);
            if (code != 0) {
                lastError_ = stderrText.empty() ? "ssh exited with code " + std::to_string(code) : lastLine(stderrText);
                ++failures_;
                failed_.notify_all();
            }
            c.done = true;
        });
    } catch (const std::exception& e) {
        lastError_ = e.what();
        ++failures_;
        failed_.notify_all();
    }
    ::close(clientFd);
}

void SshTunnel::reapFinished() {
    std::lock_guard lock(mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
        if (!it->done) {
            ++it;
            continue;
        }
        it->thread.join();
        it = connections_.erase(it);
    }
}

}  // namespace rivetr::hosts
