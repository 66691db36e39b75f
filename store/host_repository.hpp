// Remote container hosts in the store: what an admin added, with their credentials sealed and write-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/secret_box.hpp"
#include "store/store.hpp"

namespace rivetr::store {

// What may be shown about a host. It carries no credential, only whether each one is stored, so
// nothing that lists hosts for the API can leak one (CVE-2018-19466's class).
struct HostRecord {
    std::string id;
    std::string name;     // unique, case-insensitively
    std::string kind;     // tcp | ssh
    std::string address;  // tcp: host:port; ssh: user@host[:port]
    // The SSH host key pinned on first use ("ssh-ed25519 AAAA…") and its "SHA256:…" fingerprint;
    // empty until pinned.
    std::string sshHostKey;
    std::string sshHostKeyFingerprint;
    bool hasTlsCa = false, hasTlsCert = false, hasTlsKey = false, hasSshKey = false;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::string createdBy;
};

// The credentials, PEM text. On create, nullopt stores none; on update, nullopt keeps the stored one.
struct HostSecrets {
    std::optional<std::string> tlsCa, tlsCert, tlsKey, sshKey;
};

class HostRepository {
public:
    HostRepository(Store& store, SecretBox box) : store_(store), box_(box) {}

    // Stores a new host (id, name, kind, address, createdBy from `host`); returns it as stored.
    // ConflictError("name") when the name is taken.
    HostRecord create(const HostRecord& host, const HostSecrets& secrets);
    // Renames / readdresses `id` and replaces the secrets given. A new address unpins the SSH host
    // key: the pinned key belonged to the old machine. nullopt when no such host.
    std::optional<HostRecord> update(const std::string& id, const std::string& name, const std::string& address,
                                     const HostSecrets& secrets);
    void pinHostKey(const std::string& id, const std::string& key, const std::string& fingerprint);
    std::optional<HostRecord> find(const std::string& id);
    std::vector<HostRecord> list();
    bool remove(const std::string& id);

    // The decrypted credentials, for the code that connects to the host; never for an API answer.
    HostSecrets secrets(const std::string& id);

private:
    Store& store_;
    SecretBox box_;
};

}  // namespace rivetr::store
