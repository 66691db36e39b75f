-- 017_webhook_delivery_log: what each webhook delivery did for each app it reached, so the app's page can
-- show why a push deployed or not; and apps.auto_deploy, the switch that lets pushes deploy (on by default,
-- as before). webhook_deliveries stays the de-duplication table; this is the
-- history users read. Only the newest rows of each app are kept (the repository prunes on insert), and
-- rejected (unverified) rows have their own smaller budget, so forged requests cannot push genuine ones out.

CREATE TABLE webhook_delivery_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of arrival
    app_id        TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
    provider      TEXT NOT NULL,                      -- github | gitlab | gitea | bitbucket
    event         TEXT NOT NULL,                      -- the provider's event name (push, ping, Push Hook, ...)
    delivery_id   TEXT NOT NULL,                      -- "" when the provider sent none
    ref           TEXT,
    commit_sha    TEXT,
    result        TEXT NOT NULL,                      -- deployed | ignored | pong | rejected | failed
    reason        TEXT NOT NULL,
    deployment_id TEXT REFERENCES deployments(id) ON DELETE SET NULL,
    http_status   INTEGER NOT NULL,
    received_at   INTEGER NOT NULL
);
CREATE INDEX webhook_delivery_log_app ON webhook_delivery_log(app_id, id);

ALTER TABLE apps ADD COLUMN auto_deploy INTEGER NOT NULL DEFAULT 1;
