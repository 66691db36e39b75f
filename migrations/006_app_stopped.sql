-- 006_app_stopped: an app its user stopped stays stopped across restarts of rivetr (parked: 503).
ALTER TABLE apps ADD COLUMN stopped INTEGER NOT NULL DEFAULT 0;
