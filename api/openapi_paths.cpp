// The documented operations of the control API. Every registered route needs a line here, and
// nothing may be documented that is not served: OpenApi.MatchesRegisteredRoutes checks both ways.
#include "api/openapi.hpp"

namespace rivetr::api {

const std::vector<PathDoc>& documentedPaths() {
    using M = Method;
    static const std::vector<PathDoc> paths{
        {M::Get, "/health",
         "Liveness of the API, the database and the container runtime: {status, version, db, runtime, disk: {status: "
         "ok|full|unwritable, free_bytes|null}}. `disk` is the data directory and its work/ directory as deploys write "
         "them (full: a write failed for want of space, or under 16 MB free); it does not change the status code",
         "system", "", 200, "Object"},
        {M::Get, "/api/openapi.json", "This document", "system", "", 200, "Object"},

        {M::Get, "/api/apps", "List apps", "apps", "", 200, "AppList"},
        {M::Post, "/api/apps", "Create an app (generates its webhook secret)", "apps", "AppInput", 201, "App"},
        {M::Post, "/api/apps/detect",
         "What `auto` would build from a repository {git_url, git_credentials?, branch?, base_dir?}: {build_type|null, "
         "reason, port|null, commit}. A repository that cannot be fetched is a 400 on git_url; only admins see the "
         "low-level reason, others \"cannot reach the repository\"",
         "apps", "DetectInput", 200, "DetectResult"},
        {M::Get, "/api/apps/{id}", "Show an app by id or name", "apps", "", 200, "App"},
        {M::Put, "/api/apps/{id}", "Update an app", "apps", "AppInput", 200, "App"},
        {M::Delete, "/api/apps/{id}", "Delete an app", "apps", "", 204, ""},

        {M::Get, "/api/apps/{id}/certificates",
         "Certificate state of each domain: {tls, acme, certificates:[{domain, state, not_after, error, retry_at}]}",
         "apps", "", 200, "Certificates"},
        {M::Get, "/api/apps/{id}/env", "List env vars (secrets masked)", "env", "", 200, "EnvList"},
        {M::Put, "/api/apps/{id}/env",
         "Replace env vars in bulk (masked secrets keep their value). They apply from the next deployment: a restart "
         "does not apply them. With ?redeploy=true they are saved and released at once: 202 {vars, deployment_id, "
         "status} (see POST /api/apps/{id}/redeploy); a 409 from the redeploy stores nothing",
         "env", "EnvInput", 200, "EnvList"},
        {M::Delete, "/api/apps/{id}/env/{key}", "Remove one env var", "env", "", 204, ""},

        {M::Post, "/api/apps/{id}/deploy", "Queue a deployment (optionally of one commit)", "deployments",
         "DeployRequest", 202, "DeploymentAccepted"},
        {M::Post, "/api/apps/{id}/redeploy",
         "A new release of the live deployment's image with the app's current env and settings (no clone, no "
         "build; trigger `redeploy`, rollback_of the live one), health-gated like a deploy: a failing check keeps "
         "the live one. It waits behind a running deployment and then runs the image that went live. 409 "
         "`no_live_deployment` when nothing is live, `image_removed` when the live image was removed (deploy to "
         "rebuild)",
         "deployments", "", 202, "DeploymentAccepted"},
        {M::Get, "/api/apps/{id}/deployments", "List an app's deployments, newest first", "deployments", "", 200,
         "AppDeploymentList"},
        {M::Get, "/api/deployments",
         "Newest deployments across apps (?limit=1-200, default 20), or each app's newest (?latest_per_app=1)",
         "deployments", "", 200, "DeploymentPage"},
        {M::Get, "/api/deployments/{id}", "Show a deployment", "deployments", "", 200, "Deployment"},
        {M::Get, "/api/deployments/{id}/logs", "Stored log lines of a deployment (?after=N)", "deployments", "", 200,
         "DeploymentLogs"},
        {M::Post, "/api/deployments/{id}/rollback",
         "Redeploy this deployment's kept image (no rebuild). Only a deployment whose `rollback_available` is true: "
         "one that never passed its health check, or whose image was pruned, is a 409 `not_rollbackable` saying which",
         "deployments", "", 202, "DeploymentAccepted"},
        {M::Post, "/api/deployments/{id}/cancel", "Cancel a queued or running deployment", "deployments", "", 202,
         "DeploymentAccepted"},

        {M::Get, "/api/deployments/{id}/logs/stream",
         "Live deployment log (SSE): stored lines after Last-Event-ID or ?after=N, then live `log`, `status` "
         "and a final `end` event",
         "deployments", "", 200, "EventStream"},
        {M::Get, "/api/events",
         "Status changes of every deployment (SSE `deployment` events), webhook deliveries recorded (`webhook_delivery` "
         "events: {app_id, result, deployment_id}) and app action (`action` events: "
         "{id, app_id, action, status: pending|in_progress|done|failed, error?}; schemas Deployment and ActionEvent). "
         "The engine's own actions come the same way: `crash` (status crashed: the live container died, error says "
         "why; its domains answer 503) and `recover` (the automatic restart with back-off that follows). A "
         "reconnect with Last-Event-ID gets the changes it missed, or a `resync` event when they are no longer kept",
         "deployments", "", 200, "EventStream"},
        {M::Get, "/api/apps/{id}/logs", "Last lines of the live container (?tail=N): {lines:[{ts,stream,line}]}",
         "runtime", "", 200, "ContainerLogs"},
        {M::Get, "/api/apps/{id}/logs/stream",
         "Follow the live container's output (SSE `log` events, ?tail=N); each event's id is "
         "`<ns timestamp>:<n>`, and a reconnect with Last-Event-ID resumes after that line instead of ?tail",
         "runtime", "", 200, "EventStream"},
        {M::Get, "/api/apps/{id}/stats",
         "CPU, memory and network of the live container {cpu_percent, memory_bytes, memory_limit_bytes, "
         "net_rx_bytes, net_tx_bytes}",
         "runtime", "", 200, "ContainerStats"},
        {M::Post, "/api/apps/{id}/start",
         "Start the live container and route to it again: an engine job in the app's turn after its deployments "
         "({action_id, status}); 202 {action_id, status: pending} when not done within 25 s (then see /api/events)",
         "runtime", "", 200, "ActionResult"},
        {M::Post, "/api/apps/{id}/stop",
         "Stop the live container; its domains answer 503. An engine job like start ({action_id, status}, or 202)",
         "runtime", "", 200, "ActionResult"},
        {M::Post, "/api/apps/{id}/restart",
         "Restart the live container with the variables it started with: env changed since (the app's "
         "env_pending) needs POST /api/apps/{id}/redeploy. An engine job like start ({action_id, status}, or 202)",
         "runtime", "", 200,
         "ActionResult"},
        {M::Get, "/api/apps/{id}/webhooks/deliveries",
         "The app's last webhook deliveries, newest first: each with what it did (deployed, ignored and why, pong, "
         "rejected) and the status answered. The newest 50 are kept, and apart from them the newest 10 rejected "
         "(unverified) requests that named the app's repository. A new row is announced on /api/events as a "
         "`webhook_delivery` event {app_id, result, deployment_id}",
         "webhooks", "", 200, "WebhookDeliveryList"},
        {M::Post, "/api/apps/{id}/webhooks/test",
         "Send a GitHub ping signed with the app's secret to [server] public_url's webhook URL (the API's own address "
         "when unset) and report what came back, with an explanation; the ping appears in the deliveries when it "
         "arrives. 429 while two tests are under way",
         "webhooks", "", 200, "WebhookTestResult"},
        {M::Get, "/api/system", "Version, engine and host figures; the proxy's ports and public URL (app and webhook URLs)", "system", "", 200, "SystemInfo"},
        {M::Get, "/metrics", "Prometheus metrics (text exposition format)", "system", "", 200, "Text"},

        {M::Get, "/api/tokens", "List API tokens", "admin", "", 200, "TokenList"},
        {M::Post, "/api/tokens", "Create an API token (shown once)", "admin", "TokenInput", 201, "Token"},
        {M::Delete, "/api/tokens/{id}", "Revoke an API token", "admin", "", 204, ""},
        {M::Get, "/api/routes", "List external routes", "admin", "", 200, "ExternalRouteList"},
        {M::Post, "/api/routes", "Create or replace the external route of a domain", "admin", "ExternalRouteInput", 201,
         "ExternalRoute"},
        {M::Delete, "/api/routes/{domain}", "Remove an external route", "admin", "", 204, ""},
        {M::Get, "/api/audit", "Audit log, newest first (?limit, ?before)", "admin", "", 200, "AuditList"},

        {M::Post, "/api/auth/login",
         "Log in {username, password, totp?} -> {user, csrf_token} and the rivetr_session cookie. `totp` is the "
         "6-digit code or one of the user's recovery codes (spent on use; audited as auth.recovery_code_used); 401 "
         "totp_required when the user has TOTP and sent no code; 429 rate_limited after repeated failures from "
         "an address, or after repeated wrong codes for the account (from any address, with growing back-off)",
         "auth", "LoginInput", 200, "LoginResult"},
        {M::Post, "/api/auth/logout", "End the session and clear its cookie", "auth", "", 204, ""},
        {M::Get, "/api/auth/me", "Who is calling: {actor_type, name, role, user?, csrf_token?}", "auth", "", 200,
         "Me"},
        {M::Post, "/api/auth/totp/setup", "Start TOTP for the logged-in user: {secret, otpauth_uri}", "auth", "", 200,
         "TotpSetup"},
        {M::Post, "/api/auth/totp/enable",
         "Turn TOTP on with a first code {code} -> {totp_enabled, recovery_codes}: ten single-use recovery codes, "
         "shown this once (only their hashes are kept)",
         "auth", "TotpCode", 200, "TotpState"},
        {M::Post, "/api/auth/totp/disable", "Turn TOTP off with a current code {code}; the recovery codes go with it",
         "auth", "TotpCode", 200, "TotpState"},
        {M::Get, "/api/auth/recovery-codes", "The caller's recovery codes: {totp_enabled, remaining} (never the codes)",
         "auth", "", 200, "RecoveryCodeState"},
        {M::Post, "/api/auth/recovery-codes",
         "Replace the caller's recovery codes {code?: a current TOTP code, password?} -> {recovery_codes, remaining}; "
         "the old codes stop working. 409 without TOTP; 400 on code for a wrong code, 403 wrong_password on password",
         "auth", "RecoveryCodeProof", 200, "RecoveryCodes"},
        {M::Post, "/api/auth/password",
         "Change the caller's own password {current_password, new_password} -> {user, session_reissued, csrf_token?}. "
         "Every session of the user ends; a browser that asked gets a fresh session cookie (and CSRF token) at "
         "once. API tokens stay valid. 403 wrong_password on current_password (counted like a failed login: 429 "
         "after repeated failures); 400 for a new password that is not 8-256 characters or equals the current one. "
         "For a session user or a token the user created; not the admin token",
         "auth", "PasswordChange", 200, "PasswordChanged"},
        {M::Get, "/api/users", "List users (never passwords)", "users", "", 200, "UserList"},
        {M::Post, "/api/users", "Create a user {username, password, role}", "users", "UserInput", 201, "User"},
        {M::Put, "/api/users/{id}",
         "Change a user {role?, password?: a new password, which ends all the user's sessions, totp_enabled?: false "
         "resets a lost second factor (and deletes its recovery codes), disabled?, "
         "transfer_tokens_to?: with disabled=true, the user (id or name) who gets their API tokens}; disabling "
         "revokes the API tokens the user owns unless transferred; the last enabled admin stays (409)",
         "users", "UserChange", 200, "User"},
        {M::Delete, "/api/users/{id}",
         "Delete a user (?transfer_tokens_to=user id or name hands over their API tokens, otherwise they are "
         "revoked); not the last enabled admin (409)",
         "users", "", 204, ""},

        {M::Post, "/webhooks/github", "GitHub push webhook (X-Hub-Signature-256 HMAC over the raw body; deploys the pushed commit)",
         "webhooks", "Object", 202, "Object"},
        {M::Post, "/webhooks/gitlab", "GitLab push webhook (X-Gitlab-Token; deploys the pushed commit)", "webhooks", "Object",
         202, "Object"},
        {M::Post, "/webhooks/gitea", "Gitea push webhook (X-Gitea-Signature HMAC; deploys the pushed commit)", "webhooks",
         "Object", 202, "Object"},
        {M::Post, "/webhooks/bitbucket", "Bitbucket Cloud push webhook (X-Hub-Signature HMAC; deploys the pushed commit)",
         "webhooks", "Object", 202, "Object"},
    };
    return paths;
}

const std::vector<AlternateResponse>& alternateResponses() {
    static const std::vector<AlternateResponse> alternates{
        {Method::Put, "/api/apps/{id}/env", "redeploy",
         "save, then redeploy the live image with these variables (POST /api/apps/{id}/redeploy)", 202,
         "EnvRedeployAccepted"},
    };
    return alternates;
}

}  // namespace rivetr::api
