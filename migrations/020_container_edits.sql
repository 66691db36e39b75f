-- 020_container_edits: the Docker manager's edits in flight. An edit recreates a container in steps
-- (create the new one, stop the old, swap the names, remove the old); a row is written before the
-- first step that changes anything and removed when the edit is over, so a row found at start-up is
-- an edit a crash interrupted: the recovery pass finishes it or rolls it back. The old container's
-- inspect document is sealed (its env may hold secrets), bound to the row.
CREATE TABLE container_edits (
    id             TEXT PRIMARY KEY,
    host           TEXT NOT NULL,
    old_id         TEXT NOT NULL,
    old_name       TEXT NOT NULL,
    final_name     TEXT NOT NULL,
    temp_name      TEXT NOT NULL,
    parked_name    TEXT NOT NULL,
    new_id         TEXT NOT NULL DEFAULT '',
    was_running    INTEGER NOT NULL,
    step           TEXT NOT NULL CHECK (step IN ('create', 'swap', 'cleanup')),
    old_config_enc BLOB NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
