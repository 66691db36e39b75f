-- 015_generated_domain: marks the domain Rivetr gave an app from [server] base_domain (the app was
-- created without one), so the API can say which of its domains is generated.
ALTER TABLE domains ADD COLUMN generated INTEGER NOT NULL DEFAULT 0;
