-- 019_hosts: remote container engines an admin adds beside the local one (tcp+TLS or ssh).
-- Every credential column is sealed by the SecretBox, bound to its host and column; the pinned SSH
-- host key is public and kept in clear with its SHA256 fingerprint so an admin can compare it.
CREATE TABLE hosts (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind                TEXT NOT NULL CHECK (kind IN ('tcp', 'ssh')),
    address             TEXT NOT NULL,
    tls_ca_enc          BLOB,
    tls_cert_enc        BLOB,
    tls_key_enc         BLOB,
    ssh_key_enc         BLOB,
    ssh_host_key        TEXT NOT NULL DEFAULT '',
    ssh_host_key_sha256 TEXT NOT NULL DEFAULT '',
    created_at          INTEGER NOT NULL,
    created_by          TEXT NOT NULL DEFAULT '',
    updated_at          INTEGER NOT NULL
);
