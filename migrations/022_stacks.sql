-- 022_stacks: compose stacks (issue #21). The compose file and .env live on disk in <data_dir>/stacks/<name>/
-- (byte for byte what the editor saved, readable by other tools); the database keeps what must not be a
-- plain file: the stack's stored variables (secret ones encrypted, like an app's env) and the revisions
-- that were deployed (what a diff compares against and a rollback returns to).
CREATE TABLE stack_env (
    stack      TEXT NOT NULL,
    key        TEXT NOT NULL,
    value_enc  BLOB NOT NULL,
    is_secret  INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (stack, key)
);

CREATE TABLE stack_revisions (
    stack       TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    compose     TEXT NOT NULL,
    env_file    TEXT,
    status      TEXT NOT NULL,     -- deploying | deployed | failed
    error       TEXT,
    service     TEXT,              -- the service a failed deploy stopped at
    actor       TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    PRIMARY KEY (stack, revision)
);
