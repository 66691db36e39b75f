-- 021_docker_policy: the Docker manager's create policy as an admin saved it (issue #19). A dedicated
-- one-row table, not a generic key/value settings table: the value has a shape (a list of roots) and a
-- "who changed it" that a typed row keeps honest, and no other setting lives in the database yet.
-- No row: the config file's [docker] allowed_bind_roots applies. A row (even with an empty list) overrides
-- it. The roots are stored one per line (validation refuses control characters in a root).
CREATE TABLE docker_policy (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    allowed_bind_roots TEXT NOT NULL,
    updated_at         INTEGER NOT NULL,
    updated_by         TEXT NOT NULL
);
