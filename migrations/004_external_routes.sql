-- 004_external_routes: domains the proxy forwards to services Rivetr does not run (admin only).
CREATE TABLE external_routes (
    domain     TEXT PRIMARY KEY COLLATE NOCASE,
    upstream   TEXT NOT NULL,
    tls        INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
