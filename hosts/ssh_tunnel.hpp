// Docker over SSH: a private unix socket whose every connection is one `ssh … docker system dial-stdio` to the host.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <sys/types.h>
#include <vector>

#include "hosts/host_address.hpp"

namespace rivetr::hosts {

struct SshTarget {
    HostAddress address;                   // user, host, port: validated by parseSshAddress
    std::filesystem::path keyFile;         // the private key, mode 0600
    std::filesystem::path knownHostsFile;  // holds only the pinned host key
    std::string hostKeyType;               // the pinned key's type: the only one ssh may accept
    std::chrono::milliseconds connectTimeout{5000};
    // Where the shared connection's control socket lives (ssh ControlMaster): one SSH handshake serves
    // many engine calls instead of one each. Empty: a connection per call.
    std::filesystem::path controlPath;
};

// The ssh argv for one connection (BatchMode, strict host key checking against the pinned file only,
// no user or system ssh config, no agent). Exposed for its test: no shell ever sees it.
std::vector<std::string> sshDialArgv(const SshTarget& target);

// Listens on `socketPath` (its directory is made 0700) from construction to destruction. Each
// accepted connection becomes the stdin/stdout of its own ssh child, so the kernel moves the bytes
// and the Docker client on this side talks to the socket as to a local engine. Destruction stops
// listening, kills the children still running and removes the socket.
class SshTunnel {
public:
    SshTunnel(std::filesystem::path socketPath, SshTarget target);
    ~SshTunnel();
    SshTunnel(const SshTunnel&) = delete;
    SshTunnel& operator=(const SshTunnel&) = delete;

    const std::filesystem::path& socketPath() const { return socketPath_; }
    // The next connection makes a fresh SSH handshake (and checks the host key again); sessions on
    // the shared connection finish undisturbed.
    void renewSharedConnection() { controlCommand("stop"); }
    // How many ssh connections have failed so far. With awaitFailureAfter, a caller whose request
    // just failed reads that request's reason, not an older one: ssh's exit lands a moment after
    // the socket closes.
    std::uint64_t failures() const;
    // What the last ssh that failed said on stderr ("Host key verification failed."), once more than
    // `count` have failed, waiting up to `wait` for it; "" when none did.
    std::string awaitFailureAfter(std::uint64_t count, std::chrono::milliseconds wait) const;

private:
    struct Connection;
    void acceptLoop();
    void serve(int clientFd);
    void reapFinished();
    void controlCommand(const std::string& command);

    std::filesystem::path socketPath_;
    SshTarget target_;
    int listenFd_ = -1;
    ino_t socketInode_ = 0;  // the socket file is removed only while it is still ours
    int wakeFd_ = -1;  // eventfd: tells the accept loop to stop
    mutable std::mutex mutex_;
    std::list<Connection> connections_;
    mutable std::condition_variable failed_;
    std::uint64_t failures_ = 0;
    std::string lastError_;
    std::thread acceptThread_;
};

}  // namespace rivetr::hosts
