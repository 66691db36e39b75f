-- 010_app_live_condition: what the engine last saw of an app's live container (running, crashed,
-- restarting), why, and how often it was restarted; written by the engine only (AppStateRepository).
ALTER TABLE apps ADD COLUMN live_state TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN live_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN live_exit_code INTEGER;
ALTER TABLE apps ADD COLUMN live_last_output TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN live_restarts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE apps ADD COLUMN live_since INTEGER;
