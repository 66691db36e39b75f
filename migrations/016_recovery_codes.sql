-- 016_recovery_codes: single-use recovery codes for a user's second factor, issued when TOTP is
-- turned on (or regenerated). Only a SHA-256 of each code is kept; used_at marks one spent.
CREATE TABLE user_recovery_codes (
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at    INTEGER,
    PRIMARY KEY (user_id, code_hash)
);
