// The local engine plus every stored remote host: lookups never hold a lock across the network, so one slow host slows no other.
#include "hosts/registry_host_directory.hpp"

#include <future>

#include "core/ids.hpp"
#include "core/log.hpp"
#include "hosts/host_address.hpp"
#include "hosts/ssh_host_key.hpp"

namespace rivetr::hosts {
namespace {

constexpr std::size_t kMaxPem = 64 * 1024;

void validatePem(const char* field, const std::optional<std::string>& pem, const char* marker, bool required) {
    if (!pem) {
        if (required) throw InvalidHostInput(field, "is required for this kind of host");
        return;
    }
    if (pem->size() > kMaxPem || pem->find("-----BEGIN ") == std::string::npos ||
        pem->find(marker) == std::string::npos)
        throw InvalidHostInput(field, std::string("must be PEM text (-----BEGIN …") + marker + "), at most 64 KiB");
}

}  // namespace

void validateHost(const std::string& name, const std::string& kind, const std::string& address,
                  const store::HostSecrets& secrets, bool creating) {
    validateHostName(name);
    if (kind == "tcp") {
        parseTcpAddress(address);
        validatePem("tls_ca", secrets.tlsCa, "CERTIFICATE-----", creating);
        validatePem("tls_cert", secrets.tlsCert, "CERTIFICATE-----", creating);
        validatePem("tls_key", secrets.tlsKey, "PRIVATE KEY-----", creating);
        if (secrets.sshKey) throw InvalidHostInput("ssh_key", "is for ssh hosts only");
    } else if (kind == "ssh") {
        parseSshAddress(address);
        validatePem("ssh_key", secrets.sshKey, "PRIVATE KEY-----", creating);
        if (secrets.tlsCa || secrets.tlsCert || secrets.tlsKey)
            throw InvalidHostInput("tls_key", "TLS certificates are for tcp hosts only");
    } else {
        throw InvalidHostInput("kind", "must be tcp (TLS client certificates) or ssh");
    }
}

RegistryHostDirectory::RegistryHostDirectory(store::HostRepository& repository,
                                             std::function<std::shared_ptr<runtime::ContainerRuntime>()> local,
                                             RemoteHostOptions options)
    : repository_(repository), local_(std::move(local)), options_(std::move(options)) {
    for (const auto& record : repository_.list()) load(record);
}

void RegistryHostDirectory::load(const store::HostRecord& record) {
    store::HostSecrets secrets;
    try {
        secrets = repository_.secrets(record.id);
    } catch (const std::exception& e) {
        // A key that no longer opens them (a restored database with another key file): the host is
        // listed, and its state says it cannot connect.
        log::warn("hosts.secrets_unreadable", {{"host", record.name}, {"error", e.what()}});
    }
    auto fresh = std::make_shared<RemoteHost>(record, secrets, options_);
    std::shared_ptr<RemoteHost> old;  // its tunnel stops after the lock is released
    std::lock_guard lock(mutex_);
    old = std::exchange(remotes_[record.id], fresh);
}

std::shared_ptr<RemoteHost> RegistryHostDirectory::remote(const std::string& idOrName) {
    std::lock_guard lock(mutex_);
    if (auto it = remotes_.find(idOrName); it != remotes_.end()) return it->second;
    for (const auto& [id, host] : remotes_)
        if (host->record().name == idOrName) return host;
    throw HostNotFound(idOrName);
}

std::shared_ptr<runtime::ContainerRuntime> RegistryHostDirectory::runtimeFor(const std::string& hostId) {
    if (hostId.empty() || hostId == kLocalHost) return local_.runtimeFor(hostId);
    return remote(hostId)->runtime();
}

std::vector<HostState> RegistryHostDirectory::hosts() {
    std::vector<std::shared_ptr<RemoteHost>> remotes;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, host] : remotes_) remotes.push_back(host);
    }
    auto out = local_.hosts();
    for (const auto& host : remotes) out.push_back(host->state());
    std::stable_sort(out.begin() + 1, out.end(), [](const HostState& a, const HostState& b) { return a.name < b.name; });
    return out;
}

void RegistryHostDirectory::refresh() {
    std::vector<std::future<void>> checks;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, host] : remotes_) {
            checks.push_back(std::async(std::launch::async, [host = host] {
                try {
                    host->runtime();
                } catch (const std::exception&) {
                    // Recorded in the host's state; nobody is waiting for this answer.
                }
            }));
        }
    }
    for (auto& c : checks) c.wait();
}

std::optional<store::HostRecord> RegistryHostDirectory::find(const std::string& idOrName) {
    try {
        return remote(idOrName)->record();
    } catch (const HostNotFound&) {
        return std::nullopt;
    }
}

// Trust on first use: the key the server shows now is pinned, and shown to the admin by its
// fingerprint. A server that does not answer leaves the host unpinned (its state says so).
store::HostRecord RegistryHostDirectory::pinIfUnpinned(store::HostRecord record, std::string* error) {
    if (record.kind != "ssh" || !record.sshHostKey.empty()) return record;
    try {
        auto key = scanHostKey(parseSshAddress(record.address), options_.connectTimeout);
        repository_.pinHostKey(record.id, key.publicKey(), key.fingerprint);
        record.sshHostKey = key.publicKey();
        record.sshHostKeyFingerprint = key.fingerprint;
        log::info("hosts.host_key_pinned", {{"host", record.name}, {"fingerprint", key.fingerprint}});
    } catch (const std::exception& e) {
        if (error) *error = e.what();
    }
    return record;
}

store::HostRecord RegistryHostDirectory::add(const NewHost& host) {
    validateHost(host.name, host.kind, host.address, host.secrets, true);
    store::HostRecord record;
    record.id = newId("hst");
    record.name = host.name;
    record.kind = host.kind;
    record.address = host.address;
    record.createdBy = host.createdBy;
    auto stored = pinIfUnpinned(repository_.create(record, host.secrets), nullptr);
    load(stored);
    return stored;
}

std::optional<store::HostRecord> RegistryHostDirectory::update(const std::string& id, const HostChange& change) {
    auto old = repository_.find(id);
    if (!old) return std::nullopt;
    const auto name = change.name.value_or(old->name);
    const auto address = change.address.value_or(old->address);
    validateHost(name, old->kind, address, change.secrets, false);
    if (change.repinHostKey) repository_.pinHostKey(id, "", "");
    auto stored = repository_.update(id, name, address, change.secrets);
    if (!stored) return std::nullopt;
    stored = pinIfUnpinned(*stored, nullptr);
    load(*stored);
    return stored;
}

bool RegistryHostDirectory::remove(const std::string& id) {
    if (!repository_.remove(id)) return false;
    std::shared_ptr<RemoteHost> gone;
    {
        std::lock_guard lock(mutex_);
        if (auto it = remotes_.find(id); it != remotes_.end()) {
            gone = std::move(it->second);
            remotes_.erase(it);
        }
    }
    gone.reset();  // stops its tunnel (callers still holding it keep only a dead socket path)
    std::error_code ignored;
    std::filesystem::remove_all(RemoteHost::filesDir(options_.dataDir, id), ignored);
    return true;
}

HostTestResult RegistryHostDirectory::test(const std::string& id) {
    auto host = remote(id);
    HostTestResult result;
    if (host->record().kind == "ssh" && host->record().sshHostKey.empty()) {
        std::string scanError;
        auto pinned = pinIfUnpinned(host->record(), &scanError);
        if (pinned.sshHostKey.empty()) {
            result.error = "cannot fetch the SSH host key to pin it: " + scanError;
            return result;
        }
        result.hostKeyPinnedNow = true;
        load(pinned);
        host = remote(pinned.id);
    }
    result.hostKeyFingerprint = host->record().sshHostKeyFingerprint;
    try {
        host->runtime(true);
        result.ok = true;
        result.engineVersion = host->state().engineVersion;
    } catch (const runtime::RuntimeError& e) {
        result.error = e.daemonMessage();
    }
    return result;
}

}  // namespace rivetr::hosts
