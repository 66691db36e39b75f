-- 003_webhook_deliveries: delivery ids of verified webhooks, so a replayed or redelivered hook deploys
-- nothing twice. Rows older than a week are pruned (providers redeliver within hours, not weeks).

CREATE TABLE webhook_deliveries (
    provider    TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (provider, delivery_id)
);
CREATE INDEX webhook_deliveries_received ON webhook_deliveries(received_at);
