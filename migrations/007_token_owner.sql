-- 007_token_owner: who minted each API token. user_id (ON DELETE CASCADE since 001) names the owning
-- user from now on; owner_type says whether a user or the instance admin token minted it, NULL for
-- tokens minted before owners were recorded.
ALTER TABLE api_tokens ADD COLUMN owner_type TEXT CHECK (owner_type IN ('user', 'admin_token'));
CREATE INDEX api_tokens_user ON api_tokens(user_id);
