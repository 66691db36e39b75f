// One remote engine (tcp+TLS or ssh) as the directory holds it: its transport, its lazily (re)connected runtime, its state and back-off.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>

#include "hosts/host_directory.hpp"
#include "hosts/ssh_host_key.hpp"
#include "hosts/ssh_tunnel.hpp"
#include "store/host_repository.hpp"

namespace rivetr::hosts {

struct RemoteHostOptions {
    std::filesystem::path dataDir;                   // keys under hosts/<id>/, sockets under run/
    std::chrono::milliseconds connectTimeout{3000};  // the longest runtimeFor waits for this host
    std::chrono::milliseconds controlTimeout{30000};
    std::chrono::milliseconds firstRetry{2000};  // back-off after a failure, doubling up to maxRetry
    std::chrono::milliseconds maxRetry{60000};
    std::chrono::milliseconds recheckAfter{10000};  // a connected runtime idle this long is pinged before use
};

// Thread-safe. state() never waits on the network; runtime() waits at most about one connect timeout.
class RemoteHost {
public:
    RemoteHost(store::HostRecord record, const store::HostSecrets& secrets, RemoteHostOptions options);
    ~RemoteHost();
    RemoteHost(const RemoteHost&) = delete;
    RemoteHost& operator=(const RemoteHost&) = delete;

    const store::HostRecord& record() const { return record_; }
    // The connected runtime. Throws RuntimeError(DaemonUnavailable) with the reason while the host is
    // unreachable; during back-off at once. `now` (a test) skips both the back-off and the cache: the
    // engine is asked again.
    std::shared_ptr<runtime::ContainerRuntime> runtime(bool now = false);
    HostState state() const;

    // Where this host's files live; the directory removes it with the host.
    static std::filesystem::path filesDir(const std::filesystem::path& dataDir, const std::string& id);

private:
    void startTunnel(const SshHostKey& key, const std::string& privateKey);
    runtime::RuntimeOptions runtimeOptions() const;
    std::shared_ptr<runtime::ContainerRuntime> connect();
    std::shared_ptr<runtime::ContainerRuntime> cachedOrThrow(bool now);
    void markUp(std::shared_ptr<runtime::ContainerRuntime> rt, std::string version);
    [[noreturn]] void markDown(const std::string& reason);
    std::string explain(const std::string& sshError, const std::string& transportError) const;

    store::HostRecord record_;
    RemoteHostOptions options_;
    std::string tlsCa_, tlsCert_, tlsKey_;  // PEM, in memory only
    std::unique_ptr<SshTunnel> tunnel_;     // ssh hosts with a pinned key

    std::timed_mutex connectMutex_;  // one connect attempt at a time; others wait for its outcome
    mutable std::mutex stateMutex_;  // state and cached runtime; never held across the network
    HostState state_;
    std::shared_ptr<runtime::ContainerRuntime> runtime_;
    std::chrono::steady_clock::time_point verifiedAt_{};
    std::chrono::steady_clock::time_point retryAt_{};
    std::chrono::milliseconds backoff_{0};
    bool attempted_ = false;  // "unreachable since" counts from the first failed attempt
};

}  // namespace rivetr::hosts
