// Remote container hosts in the store: credentials sealed per host and column, read back only by secrets().
#include "store/host_repository.hpp"

#include <array>

#include "core/clock.hpp"
#include "store/conflict_error.hpp"

namespace rivetr::store {
namespace {

// One row per credential column, so create, update and secrets() walk the same list.
struct SecretColumn {
    const char* column;
    std::optional<std::string> HostSecrets::*field;
};
constexpr std::array<SecretColumn, 4> kSecretColumns{{
    {"tls_ca_enc", &HostSecrets::tlsCa},
    {"tls_cert_enc", &HostSecrets::tlsCert},
    {"tls_key_enc", &HostSecrets::tlsKey},
    {"ssh_key_enc", &HostSecrets::sshKey},
}};

// Bound to host and column: a ciphertext copied to another row or column does not decrypt.
std::string place(const std::string& id, const char* column) { return "host:" + id + ":" + column; }

constexpr const char* kSelect =
    "SELECT id, name, kind, address, ssh_host_key, ssh_host_key_sha256, tls_ca_enc IS NOT NULL, "
    "tls_cert_enc IS NOT NULL, tls_key_enc IS NOT NULL, ssh_key_enc IS NOT NULL, created_at, updated_at, created_by "
    "FROM hosts";

HostRecord read(const Statement& st) {
    HostRecord h;
    st.columnsFrom(0, h.id, h.name, h.kind, h.address, h.sshHostKey, h.sshHostKeyFingerprint, h.hasTlsCa,
                   h.hasTlsCert, h.hasTlsKey, h.hasSshKey, h.createdAt, h.updatedAt, h.createdBy);
    return h;
}

std::optional<HostRecord> findIn(Database& db, const std::string& id) {
    auto st = db.prepare(std::string(kSelect) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read(st);
}

// Writes the secrets that are given; `clearMissing` also nulls the ones that are not (create).
void writeSecrets(Database& db, const std::string& id, const HostSecrets& secrets, const SecretBox& box,
                  bool clearMissing) {
    for (const auto& c : kSecretColumns) {
        const auto& value = secrets.*(c.field);
        if (!value && !clearMissing) continue;
        auto st = db.prepare(std::string("UPDATE hosts SET ") + c.column + " = ? WHERE id = ?");
        if (value) st.bind(1, box.seal(*value, place(id, c.column)));
        else st.bindNull(1);
        st.bind(2, id).exec();
    }
}

}  // namespace

HostRecord HostRepository::create(const HostRecord& host, const HostSecrets& secrets) {
    return store_.withDb([&](Database& db) {
        Transaction tx(db);
        const auto now = nowMs();
        try {
            db.prepare("INSERT INTO hosts(id, name, kind, address, created_at, created_by, updated_at) "
                       "VALUES (?,?,?,?,?,?,?)")
                .bindAll(host.id, host.name, host.kind, host.address, now, host.createdBy, now)
                .exec();
        } catch (const DbError& e) {
            rethrowAsConflict(e, {{"hosts.name", "name"}});
        }
        writeSecrets(db, host.id, secrets, box_, true);
        auto stored = findIn(db, host.id);
        tx.commit();
        return *stored;
    });
}

std::optional<HostRecord> HostRepository::update(const std::string& id, const std::string& name,
                                                 const std::string& address, const HostSecrets& secrets) {
    return store_.withDb([&](Database& db) -> std::optional<HostRecord> {
        Transaction tx(db);
        auto old = findIn(db, id);
        if (!old) return std::nullopt;
        try {
            db.prepare("UPDATE hosts SET name = ?, address = ?, updated_at = ? WHERE id = ?")
                .bindAll(name, address, nowMs(), id)
                .exec();
        } catch (const DbError& e) {
            rethrowAsConflict(e, {{"hosts.name", "name"}});
        }
        if (address != old->address) {
            db.prepare("UPDATE hosts SET ssh_host_key = '', ssh_host_key_sha256 = '' WHERE id = ?").bind(1, id).exec();
        }
        writeSecrets(db, id, secrets, box_, false);
        auto stored = findIn(db, id);
        tx.commit();
        return stored;
    });
}

void HostRepository::pinHostKey(const std::string& id, const std::string& key, const std::string& fingerprint) {
    store_.withDb([&](Database& db) {
        db.prepare("UPDATE hosts SET ssh_host_key = ?, ssh_host_key_sha256 = ?, updated_at = ? WHERE id = ?")
            .bindAll(key, fingerprint, nowMs(), id)
            .exec();
    });
}

std::optional<HostRecord> HostRepository::find(const std::string& id) {
    return store_.withDb([&](Database& db) { return findIn(db, id); });
}

std::vector<HostRecord> HostRepository::list() {
    return store_.withDb([&](Database& db) {
        return db.prepare(std::string(kSelect) + " ORDER BY name COLLATE NOCASE").rows(read);
    });
}

bool HostRepository::remove(const std::string& id) {
    return store_.withDb(
        [&](Database& db) { return db.prepare("DELETE FROM hosts WHERE id = ?").bind(1, id).exec() > 0; });
}

HostSecrets HostRepository::secrets(const std::string& id) {
    return store_.withDb([&](Database& db) {
        HostSecrets out;
        for (const auto& c : kSecretColumns) {
            auto st = db.prepare(std::string("SELECT ") + c.column + " FROM hosts WHERE id = ?");
            st.bind(1, id);
            if (st.step() && !st.isNull(0)) out.*(c.field) = box_.open(st.getBlob(0), place(id, c.column));
        }
        return out;
    });
}

}  // namespace rivetr::store
