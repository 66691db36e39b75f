// The host directory of a server with remote hosts: the local engine plus every host in the store, each connected on its own.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "hosts/local_host_directory.hpp"
#include "hosts/remote_host.hpp"
#include "store/host_repository.hpp"

namespace rivetr::hosts {

// What an admin gives to add a host. Credentials are PEM text: tcp needs all three TLS ones, ssh
// needs its private key.
struct NewHost {
    std::string name, kind, address;
    store::HostSecrets secrets;
    std::string createdBy;
};

// A change to a host: unset fields and secrets are kept.
struct HostChange {
    std::optional<std::string> name, address;
    store::HostSecrets secrets;
    // Forget the pinned SSH host key (the machine was reinstalled): it is fetched and pinned again.
    bool repinHostKey = false;
};

struct HostTestResult {
    bool ok = false;
    std::string engineVersion;
    std::string error;                // why it failed: unreachable, TLS refused, host key changed, …
    std::string hostKeyFingerprint;   // ssh: the pinned key's "SHA256:…"
    bool hostKeyPinnedNow = false;    // ssh: this test fetched and pinned it (first use)
};

class RegistryHostDirectory : public HostDirectory {
public:
    // Loads every stored host; none is contacted until it is used or tested.
    RegistryHostDirectory(store::HostRepository& repository,
                          std::function<std::shared_ptr<runtime::ContainerRuntime>()> local, RemoteHostOptions options);

    std::shared_ptr<runtime::ContainerRuntime> runtimeFor(const std::string& hostId) override;
    std::vector<HostState> hosts() override;

    // Throws InvalidHostInput (bad input) or store::ConflictError (name taken). An ssh host's key is
    // fetched and pinned at once when the host answers; otherwise the first test pins it.
    store::HostRecord add(const NewHost& host);
    // nullopt: no such host. Same errors as add.
    std::optional<store::HostRecord> update(const std::string& id, const HostChange& change);
    bool remove(const std::string& id);
    // Connects now, regardless of back-off. An ssh host without a pinned key gets it pinned first
    // (trust on first use); one with a pin is refused when the server now shows another key.
    // HostNotFound for an unknown id.
    HostTestResult test(const std::string& id);
    std::optional<store::HostRecord> find(const std::string& id);
    // Asks every remote host at once, one thread each, whether it answers (respecting back-off), so
    // the states hosts() shows stay current while nobody uses a host. Returns after about the longest
    // connect timeout; a server calls it periodically.
    void refresh();

private:
    std::shared_ptr<RemoteHost> remote(const std::string& id);
    void load(const store::HostRecord& record);
    store::HostRecord pinIfUnpinned(store::HostRecord record, std::string* error);

    store::HostRepository& repository_;
    LocalHostDirectory local_;
    RemoteHostOptions options_;
    std::mutex mutex_;  // the map only: never held while a host is contacted
    std::map<std::string, std::shared_ptr<RemoteHost>> remotes_;
};

// The checks add() and update() apply: name, kind, address and the credentials the kind needs.
void validateHost(const std::string& name, const std::string& kind, const std::string& address,
                  const store::HostSecrets& secrets, bool creating);

}  // namespace rivetr::hosts
