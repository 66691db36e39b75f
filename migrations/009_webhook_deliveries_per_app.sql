-- 009_webhook_deliveries_per_app: a delivery id is remembered per app. GitHub (and the others) send
-- one delivery id to every hook of an event; with one hook per app of a monorepo, de-duplicating
-- per (provider, id) deployed only the first app. Ids recorded before this migration were claimed
-- for every app, so each is kept for every app that exists now: a redelivery still deploys nothing.

CREATE TABLE webhook_deliveries_per_app (
    provider    TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    app_id      TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (provider, delivery_id, app_id)
);
INSERT INTO webhook_deliveries_per_app(provider, delivery_id, app_id, received_at)
    SELECT d.provider, d.delivery_id, a.id, d.received_at FROM webhook_deliveries d CROSS JOIN apps a;
DROP TABLE webhook_deliveries;
ALTER TABLE webhook_deliveries_per_app RENAME TO webhook_deliveries;
CREATE INDEX webhook_deliveries_received ON webhook_deliveries(received_at);
