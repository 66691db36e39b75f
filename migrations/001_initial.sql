-- 001_initial: the tables every later feature builds on. Times are Unix milliseconds (UTC).

CREATE TABLE apps (
    id                          TEXT PRIMARY KEY,
    name                        TEXT NOT NULL UNIQUE,
    git_url                     TEXT NOT NULL,
    branch                      TEXT NOT NULL DEFAULT 'main',
    port                        INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    build_type                  TEXT NOT NULL DEFAULT 'auto',
    dockerfile_path             TEXT NOT NULL DEFAULT 'Dockerfile',
    base_dir                    TEXT NOT NULL DEFAULT '',
    build_target                TEXT NOT NULL DEFAULT '',
    healthcheck_type            TEXT NOT NULL DEFAULT 'http' CHECK (healthcheck_type IN ('http', 'tcp')),
    healthcheck_path            TEXT NOT NULL DEFAULT '/',
    healthcheck_interval_ms     INTEGER NOT NULL DEFAULT 1000,
    healthcheck_timeout_ms      INTEGER NOT NULL DEFAULT 2000,
    healthcheck_retries         INTEGER NOT NULL DEFAULT 30,
    healthcheck_start_period_ms INTEGER NOT NULL DEFAULT 0,
    memory_limit_bytes          INTEGER,
    cpu_limit_millis            INTEGER,
    webhook_secret_enc          BLOB NOT NULL,
    git_token_enc               BLOB,
    ssh_key_enc                 BLOB,
    ssh_host_key                TEXT,
    live_deployment_id          TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL
);

CREATE TABLE domains (
    domain         TEXT PRIMARY KEY COLLATE NOCASE,
    app_id         TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    https_redirect INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL
);
CREATE INDEX domains_app ON domains(app_id);

CREATE TABLE deployments (
    id                TEXT PRIMARY KEY,
    app_id            TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                        ('pending', 'cloning', 'building', 'starting', 'checking', 'switching', 'running',
                         'failed', 'cancelled', 'replaced', 'rolled_back')),
    trigger           TEXT NOT NULL DEFAULT 'manual',
    requested_commit  TEXT,
    commit_sha        TEXT,
    commit_message    TEXT,
    commit_author     TEXT,
    image             TEXT,
    container_id      TEXT,
    rollback_of       TEXT REFERENCES deployments(id) ON DELETE SET NULL,
    error             TEXT,
    created_at        INTEGER NOT NULL,
    started_at        INTEGER,
    finished_at       INTEGER,
    status_changed_at INTEGER NOT NULL
);
CREATE INDEX deployments_app ON deployments(app_id, created_at DESC);
CREATE INDEX deployments_active ON deployments(status)
    WHERE status NOT IN ('running', 'failed', 'cancelled', 'replaced', 'rolled_back');

CREATE TABLE deployment_logs (
    id            INTEGER PRIMARY KEY,
    deployment_id TEXT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
    ts            INTEGER NOT NULL,
    stream        TEXT NOT NULL DEFAULT 'build',
    line          TEXT NOT NULL
);
CREATE INDEX deployment_logs_deployment ON deployment_logs(deployment_id, id);

CREATE TABLE env_vars (
    app_id        TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    value_enc     BLOB NOT NULL,
    is_secret     INTEGER NOT NULL DEFAULT 0,
    is_build_time INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (app_id, key)
);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'developer', 'viewer')),
    totp_secret_enc BLOB,
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    user_id      TEXT REFERENCES users(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'developer', 'viewer')),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    revoked_at   INTEGER
);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    user_agent   TEXT,
    ip           TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    ts          INTEGER NOT NULL,
    actor_type  TEXT NOT NULL CHECK (actor_type IN ('admin_token', 'user', 'token', 'webhook', 'system')),
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_type TEXT,
    target_id   TEXT,
    details     TEXT,
    request_id  TEXT,
    ip          TEXT
);
CREATE INDEX audit_log_ts ON audit_log(ts DESC);
