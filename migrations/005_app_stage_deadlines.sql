-- 005_app_stage_deadlines: per-app overrides of the engine's stage deadlines (NULL = the default).
ALTER TABLE apps ADD COLUMN clone_timeout_ms INTEGER;
ALTER TABLE apps ADD COLUMN build_timeout_ms INTEGER;
ALTER TABLE apps ADD COLUMN start_timeout_ms INTEGER;
ALTER TABLE apps ADD COLUMN health_timeout_ms INTEGER;
