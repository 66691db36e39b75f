// One remote engine: its transport (TLS in memory, or an SSH tunnel with the pinned key), its cached runtime, state and back-off.
#include "hosts/remote_host.hpp"

#include <atomic>

#include "core/clock.hpp"
#include "core/file_write.hpp"
#include "core/log.hpp"
#include "hosts/ssh_host_key.hpp"

namespace rivetr::hosts {
namespace {

using Clock = std::chrono::steady_clock;
using runtime::ErrorKind;
using runtime::RuntimeError;

constexpr const char* kNotPinned = "the SSH host key is not pinned yet: test the host to fetch and pin it";

void writePrivate(const std::filesystem::path& path, std::string content) {
    if (content.empty() || content.back() != '\n') content += '\n';  // ssh refuses a key without it
    writeFileChecked(path, content, {0600, false, false});
}

}  // namespace

std::filesystem::path RemoteHost::filesDir(const std::filesystem::path& dataDir, const std::string& id) {
    return dataDir / "hosts" / id;
}

RemoteHost::RemoteHost(store::HostRecord record, const store::HostSecrets& secrets, RemoteHostOptions options)
    : record_(std::move(record)), options_(std::move(options)) {
    state_ = {record_.id, record_.name, record_.kind, false, nowMs(), "not connected yet", ""};
    if (record_.kind == "tcp") {
        tlsCa_ = secrets.tlsCa.value_or("");
        tlsCert_ = secrets.tlsCert.value_or("");
        tlsKey_ = secrets.tlsKey.value_or("");
        return;
    }
    auto key = parseHostKey(record_.sshHostKey);
    if (!key || !secrets.sshKey) {
        state_.error = key ? "no SSH private key is stored" : kNotPinned;
        return;
    }
    try {
        startTunnel(*key, *secrets.sshKey);
    } catch (const std::exception& e) {
        state_.error = std::string("cannot set up the SSH transport: ") + e.what();
    }
}

// ssh reads its identity and known hosts only from files: private ones, beside nothing else.
void RemoteHost::startTunnel(const SshHostKey& key, const std::string& privateKey) {
    const auto dir = filesDir(options_.dataDir, record_.id);
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir.parent_path(), std::filesystem::perms::owner_all);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
    // Each tunnel its own control socket: a replaced tunnel stops only its own shared connection.
    static std::atomic<unsigned> generation{0};
    const auto run = options_.dataDir / "run";
    SshTarget target{parseSshAddress(record_.address), dir / "ssh_key", dir / "known_hosts", key.type,
                     options_.connectTimeout, run / ("host-" + record_.id + "-" + std::to_string(++generation) + ".ctl")};
    writePrivate(target.keyFile, privateKey);
    writePrivate(target.knownHostsFile, knownHostsLine(target.address, key));
    tunnel_ = std::make_unique<SshTunnel>(run / ("host-" + record_.id + ".sock"), target);
}

RemoteHost::~RemoteHost() = default;

HostState RemoteHost::state() const {
    std::lock_guard lock(stateMutex_);
    return state_;
}

runtime::RuntimeOptions RemoteHost::runtimeOptions() const {
    runtime::RuntimeOptions o;
    o.connectTimeout = options_.connectTimeout;
    o.controlTimeout = options_.controlTimeout;
    if (tunnel_) {
        // Both sockets: "auto" must never fall back to a local Podman socket for a remote host.
        o.dockerSocket = o.podmanSocket = tunnel_->socketPath().string();
        return o;
    }
    o.tcpUrl = "https://" + parseTcpAddress(record_.address).authority();
    o.tlsCaPem = tlsCa_;
    o.tlsClientCertPem = tlsCert_;
    o.tlsClientKeyPem = tlsKey_;
    return o;
}

std::shared_ptr<runtime::ContainerRuntime> RemoteHost::runtime(bool now) {
    if (now && tunnel_) tunnel_->renewSharedConnection();  // a test makes a handshake of its own
    if (auto rt = cachedOrThrow(now)) return rt;
    std::unique_lock lock(connectMutex_, std::defer_lock);
    // Another caller is connecting: its outcome is ours, and it ends within its connect timeout.
    if (!lock.try_lock_for(options_.connectTimeout * 2 + std::chrono::seconds(1)))
        throw RuntimeError(ErrorKind::DaemonUnavailable, "host '" + record_.name + "' is still connecting");
    if (auto rt = cachedOrThrow(now)) return rt;
    return connect();
}

// The cached runtime while it was verified lately; throws during back-off; nullptr: connect (or
// re-verify) now.
std::shared_ptr<runtime::ContainerRuntime> RemoteHost::cachedOrThrow(bool now) {
    std::lock_guard lock(stateMutex_);
    const auto t = Clock::now();
    if (runtime_ && !now && t - verifiedAt_ < options_.recheckAfter) return runtime_;
    if (!runtime_ && !now && t < retryAt_) throw RuntimeError(ErrorKind::DaemonUnavailable, state_.error);
    return nullptr;
}

std::shared_ptr<runtime::ContainerRuntime> RemoteHost::connect() {
    std::shared_ptr<runtime::ContainerRuntime> cached;
    {
        std::lock_guard lock(stateMutex_);
        cached = runtime_;
    }
    if (cached && cached->ping(options_.connectTimeout).ok) {
        std::lock_guard lock(stateMutex_);
        verifiedAt_ = Clock::now();
        return cached;
    }
    if (record_.kind == "ssh" && !tunnel_) markDown(state().error);  // not pinned, or no key: said at construction
    const auto sshFailures = tunnel_ ? tunnel_->failures() : 0;
    try {
        const auto options = runtimeOptions();
        // An engine that accepts and never answers must not hold us for a control timeout. Over ssh,
        // ssh's own ConnectTimeout bounds the handshake, and a probe would cost one more session.
        if (!tunnel_) runtime::probeEngine(options, options_.connectTimeout);
        std::shared_ptr<runtime::ContainerRuntime> rt = runtime::connectRuntime(options);
        markUp(rt, rt->version().version);
        return rt;
    } catch (const RuntimeError& e) {
        std::string reason = e.daemonMessage();
        if (tunnel_) reason = explain(tunnel_->awaitFailureAfter(sshFailures, std::chrono::milliseconds(500)), reason);
        markDown(reason);
    }
}

// ssh's own words say more than curl's "empty reply"; a changed host key is named as such.
std::string RemoteHost::explain(const std::string& sshError, const std::string& transportError) const {
    if (sshError.empty()) return transportError;
    if (sshError.find("Host key verification failed") != std::string::npos)
        return "the SSH host key of " + parseSshAddress(record_.address).authority() + " is not the pinned one (" +
               record_.sshHostKeyFingerprint +
               "): refusing to connect. If the machine was reinstalled, an admin re-pins its key.";
    return "ssh: " + sshError;
}

void RemoteHost::markUp(std::shared_ptr<runtime::ContainerRuntime> rt, std::string version) {
    std::lock_guard lock(stateMutex_);
    if (!state_.ok) {
        state_.sinceMs = nowMs();
        log::info("hosts.up", {{"host", record_.name}, {"version", version}});
    }
    state_.ok = true;
    state_.error.clear();
    state_.engineVersion = std::move(version);
    runtime_ = std::move(rt);
    verifiedAt_ = Clock::now();
    backoff_ = std::chrono::milliseconds(0);
}

void RemoteHost::markDown(const std::string& reason) {
    {
        std::lock_guard lock(stateMutex_);
        if (state_.ok || !attempted_) state_.sinceMs = nowMs();
        if (state_.ok || state_.error != reason) log::warn("hosts.unreachable", {{"host", record_.name}, {"error", reason}});
        attempted_ = true;
        state_.ok = false;
        state_.error = reason;
        runtime_.reset();
        backoff_ = backoff_.count() == 0 ? options_.firstRetry : std::min(backoff_ * 2, options_.maxRetry);
        retryAt_ = Clock::now() + backoff_;
    }
    throw RuntimeError(ErrorKind::DaemonUnavailable, reason);
}

}  // namespace rivetr::hosts
