-- 018_deployment_env_digest: a keyed digest (HMAC, never the values) of the environment a deployment's
-- container was started with, so the API can say when the app's variables changed since its live
-- deployment started (`env_pending`): a restart does not apply them, a redeploy does.
ALTER TABLE deployments ADD COLUMN env_digest TEXT;
