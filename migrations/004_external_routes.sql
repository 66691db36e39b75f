-- 004_external_routes: domains the proxy forwards to services Rivetr does not run (admin only).
CREATE TABLE external_routes (
    domain     TEXT PRIMARY KEY COLLATE NOCASE,
    upstream   TEXT NOT NULL,
    tls        INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- A host name belongs to one app or one external route, never both: enforced here so every
-- writer (API, restore, future importers) gets the same UNIQUE answer.
CREATE TRIGGER external_routes_domain_taken BEFORE INSERT ON external_routes
WHEN EXISTS (SELECT 1 FROM domains WHERE domain = NEW.domain)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: external_routes.domain'); END;

CREATE TRIGGER domains_taken_by_external_route BEFORE INSERT ON domains
WHEN EXISTS (SELECT 1 FROM external_routes WHERE domain = NEW.domain)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: domains.domain'); END;
