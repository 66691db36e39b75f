-- 002_user_totp: TOTP second factor state per user. A secret is stored (encrypted) at setup and only
-- counts once enabled; the last accepted time step stops a code from being replayed within its window.

ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
