export interface paths {
    "/api/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List apps */
        get: operations["get/api/apps"];
        put?: never;
        /** Create an app (generates its webhook secret) */
        post: operations["post/api/apps"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show an app by id or name */
        get: operations["get/api/apps/{id}"];
        /** Update an app */
        put: operations["put/api/apps/{id}"];
        post?: never;
        /** Delete an app */
        delete: operations["delete/api/apps/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Certificate state of each domain: {tls, acme, certificates:[{domain, state, not_after, error, retry_at}]} */
        get: operations["get/api/apps/{id}/certificates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a deployment (optionally of one commit) */
        post: operations["post/api/apps/{id}/deploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an app's deployments, newest first */
        get: operations["get/api/apps/{id}/deployments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/env": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List env vars (secrets masked) */
        get: operations["get/api/apps/{id}/env"];
        /** Replace env vars in bulk (masked secrets keep their value). They apply from the next deployment: a restart does not apply them. With ?redeploy=true they are saved and released at once: 202 {vars, deployment_id, status} (see POST /api/apps/{id}/redeploy); a 409 from the redeploy stores nothing */
        put: operations["put/api/apps/{id}/env"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/env/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one env var */
        delete: operations["delete/api/apps/{id}/env/{key}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Last lines of the live container (?tail=N): {lines:[{ts,stream,line}]} */
        get: operations["get/api/apps/{id}/logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/logs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow the live container's output (SSE `log` events, ?tail=N); each event's id is `<ns timestamp>:<n>`, and a reconnect with Last-Event-ID resumes after that line instead of ?tail */
        get: operations["get/api/apps/{id}/logs/stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/redeploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new release of the live deployment's image with the app's current env and settings (no clone, no build; trigger `redeploy`, rollback_of the live one), health-gated like a deploy: a failing check keeps the live one. It waits behind a running deployment and then runs the image that went live. 409 `no_live_deployment` when nothing is live, `image_removed` when the live image was removed (deploy to rebuild) */
        post: operations["post/api/apps/{id}/redeploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/restart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restart the live container with the variables it started with: env changed since (the app's env_pending) needs POST /api/apps/{id}/redeploy. An engine job like start ({action_id, status}, or 202) */
        post: operations["post/api/apps/{id}/restart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start the live container and route to it again: an engine job in the app's turn after its deployments ({action_id, status}); 202 {action_id, status: pending} when not done within 25 s (then see /api/events) */
        post: operations["post/api/apps/{id}/start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** CPU, memory and network of the live container {cpu_percent, memory_bytes, memory_limit_bytes, net_rx_bytes, net_tx_bytes} */
        get: operations["get/api/apps/{id}/stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop the live container; its domains answer 503. An engine job like start ({action_id, status}, or 202) */
        post: operations["post/api/apps/{id}/stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/webhooks/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app's last webhook deliveries, newest first: each with what it did (deployed, ignored and why, pong, rejected) and the status answered. The newest 50 are kept, and apart from them the newest 10 rejected (unverified) requests that named the app's repository. A new row is announced on /api/events as a `webhook_delivery` event {app_id, result, deployment_id} */
        get: operations["get/api/apps/{id}/webhooks/deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{id}/webhooks/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a GitHub ping signed with the app's secret to [server] public_url's webhook URL (the API's own address when unset) and report what came back, with an explanation; the ping appears in the deliveries when it arrives. 429 while two tests are under way */
        post: operations["post/api/apps/{id}/webhooks/test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/detect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What `auto` would build from a repository {git_url, git_credentials?, branch?, base_dir?}: {build_type|null, reason, port|null, commit}. A repository that cannot be fetched is a 400 on git_url; only admins see the low-level reason, others "cannot reach the repository" */
        post: operations["post/api/apps/detect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log, newest first (?limit, ?before) */
        get: operations["get/api/audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in {username, password, totp?} -> {user, csrf_token} and the rivetr_session cookie. `totp` is the 6-digit code or one of the user's recovery codes (spent on use; audited as auth.recovery_code_used); 401 totp_required when the user has TOTP and sent no code; 429 rate_limited after repeated failures from an address, or after repeated wrong codes for the account (from any address, with growing back-off) */
        post: operations["post/api/auth/login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session and clear its cookie */
        post: operations["post/api/auth/logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: {actor_type, name, role, user?, csrf_token?} */
        get: operations["get/api/auth/me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the caller's own password {current_password, new_password} -> {user, session_reissued, csrf_token?}. Every session of the user ends; a browser that asked gets a fresh session cookie (and CSRF token) at once. API tokens stay valid. 403 wrong_password on current_password (counted like a failed login: 429 after repeated failures); 400 for a new password that is not 8-256 characters or equals the current one. For a session user or a token the user created; not the admin token */
        post: operations["post/api/auth/password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's recovery codes: {totp_enabled, remaining} (never the codes) */
        get: operations["get/api/auth/recovery-codes"];
        put?: never;
        /** Replace the caller's recovery codes {code?: a current TOTP code, password?} -> {recovery_codes, remaining}; the old codes stop working. 409 without TOTP; 400 on code for a wrong code, 403 wrong_password on password */
        post: operations["post/api/auth/recovery-codes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn TOTP off with a current code {code}; the recovery codes go with it */
        post: operations["post/api/auth/totp/disable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn TOTP on with a first code {code} -> {totp_enabled, recovery_codes}: ten single-use recovery codes, shown this once (only their hashes are kept) */
        post: operations["post/api/auth/totp/enable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start TOTP for the logged-in user: {secret, otpauth_uri} */
        post: operations["post/api/auth/totp/setup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every container of a host, Rivetr's apps' and others' (?host=, * for every host; ?all=false: running only; ?state=, ?name=, ?image=, ?label=k[=v], ?app=<id>|*, ?search=) */
        get: operations["get/api/containers"];
        put?: never;
        /** Create (and start, unless start=false) a container under the create policy: 403 names the field and rule a non-admin may not use; an admin's dangerous settings are listed and audited (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A container: the engine's whole inspect document, its editable config and its app (?host=: the engine's host, default the local one; {id} also takes a name) */
        get: operations["get/api/containers/{id}"];
        /** Recreate with the fields given changed and everything else kept (networks, aliases, labels, healthcheck, mounts, anonymous volumes); a failure brings the old container back (?host=: the engine's host, default the local one; {id} also takes a name) */
        put: operations["put/api/containers/{id}"];
        post?: never;
        /** Remove (?force=true: also a running one; ?volumes=true: with its anonymous volumes); an app's container is refused (409 naming the app) (?host=: the engine's host, default the local one; {id} also takes a name) */
        delete: operations["delete/api/containers/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/clone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A copy of the container's config under a new name, judged by the create policy (start=true to start it) (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/{id}/clone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/kill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The engine's kill (?signal=, default SIGKILL); an app's container goes through the app's own action (start/stop/restart) or is refused; 409 with the engine's reason in a state that does not allow it (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/{id}/kill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Last lines, both streams with timestamps (?tail=N, ?search=text) (?host=: the engine's host, default the local one; {id} also takes a name) */
        get: operations["get/api/containers/{id}/logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/logs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow the output (SSE `log` events, ?tail=N; Last-Event-ID resumes) (?host=: the engine's host, default the local one; {id} also takes a name) */
        get: operations["get/api/containers/{id}/logs/stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The engine's pause; an app's container goes through the app's own action (start/stop/restart) or is refused; 409 with the engine's reason in a state that does not allow it (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/{id}/pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rename (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/{id}/rename"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/restart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The engine's restart (?grace=seconds, default 10); an app's container goes through the app's own action (start/stop/restart) or is refused; 409 with the engine's reason in a state that does not allow it (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/{id}/restart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The engine's start; an app's container goes through the app's own action (start/stop/restart) or is refused; 409 with the engine's reason in a state that does not allow it (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/{id}/start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** CPU, memory (usage minus inactive file cache), network, block I/O and pids (?host=: the engine's host, default the local one; {id} also takes a name) */
        get: operations["get/api/containers/{id}/stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The engine's stop (?grace=seconds, default 10); an app's container goes through the app's own action (start/stop/restart) or is refused; 409 with the engine's reason in a state that does not allow it (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/{id}/stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/terminal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open a terminal in a running container: a WebSocket (101). Session cookie only (no token, no ?token=), same-origin only; ?host= (default local), ?shell=auto|/bin/bash|/bin/ash|/bin/sh, ?user=name|uid[:gid]. Frames: binary = bytes both ways; text {"type":"resize","cols","rows"} = resize. Audited (container.terminal_open / container.terminal_close) */
        get: operations["get/api/containers/{id}/terminal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/top": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The processes running in it (?host=: the engine's host, default the local one; {id} also takes a name) */
        get: operations["get/api/containers/{id}/top"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/{id}/unpause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The engine's unpause; an app's container goes through the app's own action (start/stop/restart) or is refused; 409 with the engine's reason in a state that does not allow it (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/{id}/unpause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/containers/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One action on several containers, one result each (?host=: the engine's host, default the local one; {id} also takes a name) */
        post: operations["post/api/containers/bulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Newest deployments across apps (?limit=1-200, default 20), or each app's newest (?latest_per_app=1) */
        get: operations["get/api/deployments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Show a deployment */
        get: operations["get/api/deployments/{id}"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running deployment */
        post: operations["post/api/deployments/{id}/cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored log lines of a deployment (?after=N) */
        get: operations["get/api/deployments/{id}/logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{id}/logs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live deployment log (SSE): stored lines after Last-Event-ID or ?after=N, then live `log`, `status` and a final `end` event */
        get: operations["get/api/deployments/{id}/logs/stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeploy this deployment's kept image (no rebuild). Only a deployment whose `rollback_available` is true: one that never passed its health check, or whose image was pruned, is a 409 `not_rollbackable` saying which */
        post: operations["post/api/deployments/{id}/rollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docker/disk-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What images, containers, volumes and the build cache take on a host's disk, and what a prune could free (?host=; the engine measures every volume, so this can take seconds) */
        get: operations["get/api/docker/disk-usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docker/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The engine's own events (SSE `docker` events: type, action, id, attributes, time_nano; start, die, oom, health_status ...) (?host=) */
        get: operations["get/api/docker/events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docker/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Docker create policy: the host directories non-admins may bind-mount (source: the config file's [docker] allowed_bind_roots, or an admin's saved list) and the capabilities anyone may add */
        get: operations["get/api/docker/policy"];
        /** Set the bind roots non-admins may mount (absolute, normalised, not /, not the Docker socket or a directory holding it, no duplicates); null forgets the saved list. Applies to the next create at once */
        put: operations["put/api/docker/policy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status changes of every deployment (SSE `deployment` events), webhook deliveries recorded (`webhook_delivery` events: {app_id, result, deployment_id}) and app action (`action` events: {id, app_id, action, status: pending|in_progress|done|failed, error?}; schemas Deployment and ActionEvent). The engine's own actions come the same way: `crash` (status crashed: the live container died, error says why; its domains answer 503) and `recover` (the automatic restart with back-off that follows). A reconnect with Last-Event-ID gets the changes it missed, or a `resync` event when they are no longer kept */
        get: operations["get/api/events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the container engines: the local one first, then each remote host with its state (ok / unreachable since …) from the last attempt; never waits on a host */
        get: operations["get/api/hosts"];
        put?: never;
        /** Add a remote Docker host: tcp (host:port with TLS CA, client certificate and key) or ssh (user@host[:port] with a private key; the host key is pinned at once when the host answers). Credentials are stored encrypted and never returned */
        post: operations["post/api/hosts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hosts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One host (by id or name) with its state */
        get: operations["get/api/hosts/{id}"];
        /** Rename or readdress a remote host, replace credentials (those not given are kept), or re-pin its SSH host key after a reinstall (repin_host_key); a new address also re-pins */
        put: operations["put/api/hosts/{id}"];
        post?: never;
        /** Forget a remote host (its containers are not touched) */
        delete: operations["delete/api/hosts/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/hosts/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Connect to a host now (ignoring back-off) and say what its engine answered; an ssh host without a pinned key gets it pinned first (trust on first use), one whose key changed is refused */
        post: operations["post/api/hosts/{id}/test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every image on a host (?host=, default the local engine; * every host at once, an unreachable one listed in `unreachable`), with its host, size, tags, digests, whether it is dangling, and the containers that use it */
        get: operations["get/api/images"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an image or one of its tags ({id}: an id or a reference, '/' as %2F; ?host=). Refused (409, with the engine's reason) while a container uses it, unless ?force=true (a running container's image never goes) */
        delete: operations["delete/api/images/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An image's layers, newest first (?host=) */
        get: operations["get/api/images/{id}/history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Prune images (?host=): by default a dry run listing what would go and what stays (in use, built by Rivetr); with "dry_run": false it plans again and removes exactly those images, never forced */
        post: operations["post/api/images/prune"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pull an image (?host=): an event stream of `progress` events ({id, status, current, total}), ending with `done` (ImagePullResult) or `error` ({error: {code, message}}); leaving the stream cancels the pull */
        post: operations["post/api/images/pull"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/networks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every network on a host (?host=, default the local engine; * every host at once, an unreachable one listed in `unreachable`) with its subnets, gateway and attached containers (their addresses and aliases); ?driver=, ?label=key[=value], ?search= (name or id) narrow it */
        get: operations["get/api/networks"];
        put?: never;
        /** Create a bridge or macvlan network (?host=). Every field is checked before the engine is asked (400 naming it); an overlapping subnet is a 409 with the engine's reason; macvlan and host-level driver options are for admins (403) */
        post: operations["post/api/networks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/networks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A network ({id}: its id, a prefix of it, or its name; ?host=) with its containers and their addresses */
        get: operations["get/api/networks/{id}"];
        put?: never;
        post?: never;
        /** Remove a network (?host=). Refused (409) while containers are attached, naming them, and always for the engine's own networks (bridge, host, none) and for an app's or Rivetr's own */
        delete: operations["delete/api/networks/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/networks/{id}/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Connect a container (?host=), with aliases and a fixed IPv4 address inside the network's subnet. An app's container may join (the answer warns that its next deploy leaves the network) */
        post: operations["post/api/networks/{id}/connect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/networks/{id}/disconnect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disconnect a container (?host=; force clears a stale endpoint). Refused (409) for an app's container, whose networks change only with its deployments */
        post: operations["post/api/networks/{id}/disconnect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/networks/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Prune networks (?host=): by default a dry run listing the unused networks users made (never the engine's, an app's or Rivetr's); with "dry_run": false it removes exactly the `networks` ids given, if still unused */
        post: operations["post/api/networks/prune"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["get/api/openapi.json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List external routes */
        get: operations["get/api/routes"];
        put?: never;
        /** Create or replace the external route of a domain */
        post: operations["post/api/routes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/routes/{domain}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an external route */
        delete: operations["delete/api/routes/{domain}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every compose stack: Rivetr's (files in <data_dir>/stacks), and compose projects started elsewhere found by their labels (adopted when their file is readable, external otherwise), with each service's container state */
        get: operations["get/api/stacks"];
        put?: never;
        /** Create a stack: its compose file (kept byte for byte), an optional .env and stored variables (secret ones encrypted). Validated first: 400 invalid_compose lists every issue with file, line and key, and nothing is written */
        post: operations["post/api/stacks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stack: its files, stored variables (secret values null), services, and the revision that was last deployed */
        get: operations["get/api/stacks/{name}"];
        /** Edit a stack's compose file, .env or variables (each optional; a secret sent with a null value keeps its value). Validated before anything is written; deploying applies it */
        put: operations["put/api/stacks/{name}"];
        post?: never;
        /** Take a stack down and delete its files and records; ?volumes=1 also removes its named volumes (listed in the answer, kept otherwise) */
        delete: operations["delete/api/stacks/{name}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deploy or update: networks and volumes, then services in dependency order; only services whose config changed are recreated, and a failing service keeps its previous container. 422 deploy_failed names the service (body {"service"} for one service; none: the whole stack, in dependency order) */
        post: operations["post/api/stacks/{name}/deploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}/down": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove a stack's containers and networks; named volumes stay unless {"volumes": true} (the answer lists them either way). The files stay: deploy brings it back */
        post: operations["post/api/stacks/{name}/down"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every service's output merged into one stream (SSE `log` events {service, container, ts, stream, line}; ?service= one service, ?tail=N lines of each first, default 100); `end` when every container stopped */
        get: operations["get/api/stacks/{name}/logs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pull & redeploy: images pulled again (built ones rebuilt) first; a failed pull changes nothing (body {"service"} for one service; none: the whole stack, in dependency order) */
        post: operations["post/api/stacks/{name}/pull"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}/restart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restart a stack's containers (body {"service"} for one service; none: the whole stack, in dependency order) */
        post: operations["post/api/stacks/{name}/restart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stack's deploys, newest first: status, the failing service and error, who, when, and the files deployed */
        get: operations["get/api/stacks/{name}/revisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a stack's containers (body {"service"} for one service; none: the whole stack, in dependency order) */
        post: operations["post/api/stacks/{name}/start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/{name}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop a stack's containers, dependents first (body {"service"} for one service; none: the whole stack, in dependency order) */
        post: operations["post/api/stacks/{name}/stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stacks/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Validate a compose file without creating anything: the issues with file, line and key (empty when valid) */
        post: operations["post/api/stacks/validate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/system": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Version, engine and host figures; the proxy's ports and public URL (app and webhook URLs) */
        get: operations["get/api/system"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The one-click stack templates shipped in the binary: each one's compose file, the inputs a user types and the secrets generated at deploy */
        get: operations["get/api/templates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/templates/{id}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deploy a template as a new stack ({name?} default the template's id, {inputs}): inputs are checked against their types, secrets generated and stored encrypted, then the stack is created and deployed like any other (validation, policy). A failed deploy (422) leaves the stack to fix and deploy again */
        post: operations["post/api/templates/{id}/deploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API tokens */
        get: operations["get/api/tokens"];
        put?: never;
        /** Create an API token (shown once) */
        post: operations["post/api/tokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: operations["delete/api/tokens/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (never passwords) */
        get: operations["get/api/users"];
        put?: never;
        /** Create a user {username, password, role} */
        post: operations["post/api/users"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a user {role?, password?: a new password, which ends all the user's sessions, totp_enabled?: false resets a lost second factor (and deletes its recovery codes), disabled?, transfer_tokens_to?: with disabled=true, the user (id or name) who gets their API tokens}; disabling revokes the API tokens the user owns unless transferred; the last enabled admin stays (409) */
        put: operations["put/api/users/{id}"];
        post?: never;
        /** Delete a user (?transfer_tokens_to=user id or name hands over their API tokens, otherwise they are revoked); not the last enabled admin (409) */
        delete: operations["delete/api/users/{id}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/volumes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every volume on a host (?host=, default the local engine; * every host at once, an unreachable one listed in `unreachable`) with its driver, labels, the containers that mount it, its owning app or stack and its size (null where the engine did not measure it). Filters: ?driver=, ?label=key[=value], ?dangling=true|false (also ?unused=), ?app= (id or name), ?stack=, ?search= (part of the name) */
        get: operations["get/api/volumes"];
        put?: never;
        /** Create a volume (?host=). The name follows Docker's rule; driver options that bind a host path (type=none, o=bind, device=/...) are judged by the container create policy (outside [docker] allowed_bind_roots: admins only, audited) */
        post: operations["post/api/volumes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/volumes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A volume (?host=): the engine's inspect document, the containers that mount it (target, read-only), its owning app and its size */
        get: operations["get/api/volumes/{name}"];
        put?: never;
        post?: never;
        /** Remove a volume (?host=). Refused (409 volume_in_use, naming the containers in error.containers) while any container mounts it, even with ?force=1 (which only lets a driver's failure pass); refused (409 app_volume) for a Rivetr app's volume */
        delete: operations["delete/api/volumes/{name}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/volumes/{name}/backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The volume as .tar.gz (its labels in .rivetr-volume.json), streamed as application/gzip; ?to=server writes it to the server's backup directory instead (201) */
        get: operations["get/api/volumes/{name}/backup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/volumes/{name}/browse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A directory's entries (symlinks shown with their target, never followed) or a file's metadata and text preview (first 1 MiB) in a volume (?path=, ?host=) */
        get: operations["get/api/volumes/{name}/browse"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/volumes/{name}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One regular file of a volume, streamed (?path=, ?host=) */
        get: operations["get/api/volumes/{name}/download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/volumes/{name}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restores a .tar.gz (the request body, streamed) into a new (?create=1) or empty volume; ?force=1 (admins) replaces a volume's content, keeping the old aside until the restore succeeded */
        post: operations["post/api/volumes/{name}/restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/volumes/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Prune unused volumes (?host=): by default a dry run listing what would go and what stays (an app's); {"confirm": [names]} removes exactly those still unused, ?yes=1 what a fresh plan lists; never forced, so a volume a container mounted meanwhile stays */
        post: operations["post/api/volumes/prune"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness of the API, the database and the container runtime: {status, version, db, runtime, disk: {status: ok|full|unwritable, free_bytes|null}}. `disk` is the data directory and its work/ directory as deploys write them (full: a write failed for want of space, or under 16 MB free); it does not change the status code */
        get: operations["get/health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: operations["get/metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/bitbucket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bitbucket Cloud push webhook (X-Hub-Signature HMAC; deploys the pushed commit) */
        post: operations["post/webhooks/bitbucket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/gitea": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Gitea push webhook (X-Gitea-Signature HMAC; deploys the pushed commit) */
        post: operations["post/webhooks/gitea"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** GitHub push webhook (X-Hub-Signature-256 HMAC over the raw body; deploys the pushed commit) */
        post: operations["post/webhooks/github"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/gitlab": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** GitLab push webhook (X-Gitlab-Token; deploys the pushed commit) */
        post: operations["post/webhooks/gitlab"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ActionEvent: {
            /** @enum {string} */
            action: "start" | "stop" | "restart" | "recover" | "crash";
            app_id: string;
            error?: string;
            id: string;
            /** @enum {string} */
            status: "pending" | "in_progress" | "done" | "failed" | "crashed";
        };
        ActionResult: {
            action_id: string;
            status: string;
        };
        App: {
            /** @description a verified push to the branch deploys it */
            auto_deploy: boolean;
            base_dir: string;
            branch: string;
            build_target: string;
            build_type: string;
            /** Format: date-time */
            created_at: string;
            deadlines: components["schemas"]["Deadlines"];
            dockerfile_path: string;
            domains: string[];
            /** @description GET /api/apps/{id} only: the env vars differ from those the live deployment started with. A restart does not apply them; a redeploy does */
            env_pending?: boolean;
            /** @description the one of `domains` given from [server] base_domain because the app was created without any; null when none is */
            generated_domain: string | null;
            /** @description never with credentials */
            git_url: string;
            has_git_credentials: boolean;
            healthcheck: components["schemas"]["Healthcheck"];
            id: string;
            live: components["schemas"]["AppLive"];
            live_deployment_id: string | null;
            name: string;
            port: number;
            resources: components["schemas"]["Resources"];
            /** @description stopped by a user: the domains answer 503 until start or a deploy */
            stopped: boolean;
            /** Format: date-time */
            updated_at: string;
            /** @description developers and admins only */
            webhook_secret?: string;
        };
        AppDeployment: {
            app_id: string;
            commit_author: string | null;
            commit_message: string | null;
            commit_sha: string | null;
            /** Format: date-time */
            created_at: string;
            error: string | null;
            /** Format: date-time */
            finished_at: string | null;
            id: string;
            image: string | null;
            /** @description this deployment serves the app now */
            live: boolean;
            requested_commit: string | null;
            /** @description "roll back to this" would run: the deployment passed its health check and its image is still on the container engine */
            rollback_available?: boolean;
            rollback_of: string | null;
            /** Format: date-time */
            started_at: string | null;
            status: components["schemas"]["DeploymentStatus"];
            trigger: string;
        };
        AppDeploymentList: components["schemas"]["AppDeployment"][];
        AppInput: {
            /** @description a verified push to the branch deploys it (default true); false: webhook deliveries are recorded as ignored and only a user's deploy ships */
            auto_deploy?: boolean;
            base_dir?: string;
            branch?: string;
            build_target?: string;
            build_type?: string;
            deadlines?: {
                build_ms?: number | null;
                clone_ms?: number | null;
                health_ms?: number | null;
                start_ms?: number | null;
            };
            dockerfile_path?: string;
            /** @description none on creation: <name>.<base_domain> when [server] base_domain is set */
            domains?: string[];
            git_credentials?: components["schemas"]["GitCredentials"] | null;
            /** @description https://, http://, ssh:// or user@host:path (file:// only with [git] allow_local_repositories); RFC 3986 characters, no host or user starting with '-'. Credentials in it (https://user:token@host/...) are split off into git_credentials; answers show the URL without them */
            git_url: string;
            healthcheck?: {
                interval_ms?: number;
                path?: string;
                retries?: number;
                start_period_ms?: number;
                timeout_ms?: number;
                /** @enum {string} */
                type?: "http" | "tcp";
            };
            name: string;
            port: number;
            resources?: {
                cpu_limit_millis?: number | null;
                memory_limit_bytes?: number | null;
            };
        };
        AppList: components["schemas"]["App"][];
        /** @description What the app's live container is doing, as the engine last saw it. A crashed container is restarted with exponential back-off; its domains answer 503 until it is healthy again. */
        AppLive: {
            exit_code: number | null;
            /** @description the container's last log lines when it died */
            last_output: string;
            reason: string;
            /** @description automatic restarts since it last ran steadily */
            restarts: number;
            /** @description ms since the epoch */
            since: number | null;
            /** @enum {string} */
            state: "none" | "running" | "crashed" | "restarting" | "stopped";
        };
        AuditEntry: {
            action: string;
            actor: string;
            actor_type: string;
            details: {
                [key: string]: unknown;
            };
            id: number;
            ip: string;
            request_id: string;
            target_id: string;
            target_type: string;
            /** Format: date-time */
            ts: string;
        };
        AuditList: components["schemas"]["AuditEntry"][];
        Certificate: {
            domain: string;
            error: string | null;
            /** Format: date-time */
            not_after: string | null;
            /** Format: date-time */
            retry_at: string | null;
            /** @enum {string} */
            state: "valid" | "renewing" | "expired" | "pending" | "failed" | "wildcard" | "none";
        };
        Certificates: {
            acme: boolean;
            certificates: components["schemas"]["Certificate"][];
            tls: boolean;
        };
        ComposeIssue: {
            /** @description compose.yaml, .env or an env_file's path */
            file: string;
            /** @description services.web.ports[1]; "" for the file */
            key: string;
            /** @description 1-based; 0 for the file as a whole */
            line: number;
            message: string;
        };
        ContainerActionResult: {
            action: string;
            id: string;
        };
        /** @description the Rivetr app this container belongs to */
        ContainerApp: {
            id: string;
            name: string;
        };
        ContainerBulk: {
            /** @enum {string} */
            action: "start" | "stop" | "restart" | "pause" | "unpause" | "kill" | "remove";
            force?: boolean;
            grace?: number;
            ids: string[];
            signal?: string;
            volumes?: boolean;
        };
        ContainerBulkResult: {
            results: {
                code: string;
                id: string;
                message: string;
                status: number;
            }[];
        };
        ContainerClone: {
            name: string;
            /** @description default false */
            start?: boolean;
        };
        ContainerConfig: {
            /** @description beyond Docker's default set and IPC_LOCK: admins only */
            cap_add: string[];
            /** @description an argv array; null: the image's */
            command: string[] | null;
            cpus: number;
            /** @description /dev/host[:/dev/container][:rwm]; admins only */
            devices: string[];
            /** @description an argv array; null: the image's */
            entrypoint: string[] | null;
            env: {
                [key: string]: string;
            };
            /** @description null: the image's; durations as "30s", "500ms" */
            healthcheck: {
                interval: string;
                retries: number;
                start_period: string;
                test: string[];
                timeout: string;
            } | null;
            image: string;
            /** @description host: admins only */
            ipc_mode: string;
            /** @description rivetr.* labels are Rivetr's own and refused */
            labels: {
                [key: string]: string;
            };
            /** @description bytes (a string such as "512m" is accepted too); 0: no limit */
            memory: number;
            /** @description a bind source must be under [docker] allowed_bind_roots for non-admins */
            mounts: {
                read_only: boolean;
                source: string;
                target: string;
                /** @enum {string} */
                type: "volume" | "bind" | "tmpfs";
            }[];
            name: string;
            /** @description host: admins only */
            network_mode: string;
            /** @description the first joins at create, the others before start */
            networks: {
                aliases: string[];
                ipv4_address: string;
                ipv6_address: string;
                name: string;
            }[];
            /** @description host: admins only */
            pid_mode: string;
            ports: {
                container: number;
                /** @description 0: none published / the engine picks */
                host: number;
                host_ip: string;
                /** @enum {string} */
                protocol: "tcp" | "udp" | "sctp";
            }[];
            /** @description admins only */
            privileged: boolean;
            /** @description no | always | unless-stopped | on-failure[:N] */
            restart_policy: string;
            /** @description other than no-new-privileges: admins only */
            security_opt: string[];
            user: string;
        };
        ContainerCreate: {
            /** @description beyond Docker's default set and IPC_LOCK: admins only */
            cap_add?: string[];
            /** @description an argv array; null: the image's */
            command?: string[] | null;
            cpus?: number;
            /** @description /dev/host[:/dev/container][:rwm]; admins only */
            devices?: string[];
            /** @description an argv array; null: the image's */
            entrypoint?: string[] | null;
            env?: {
                [key: string]: string;
            };
            /** @description null: the image's; durations as "30s", "500ms" */
            healthcheck?: {
                interval: string;
                retries: number;
                start_period: string;
                test: string[];
                timeout: string;
            } | null;
            image: string;
            /** @description host: admins only */
            ipc_mode?: string;
            /** @description rivetr.* labels are Rivetr's own and refused */
            labels?: {
                [key: string]: string;
            };
            /** @description bytes, or "512m" */
            memory?: number | string;
            /** @description a bind source must be under [docker] allowed_bind_roots for non-admins */
            mounts?: {
                read_only: boolean;
                source: string;
                target: string;
                /** @enum {string} */
                type: "volume" | "bind" | "tmpfs";
            }[];
            name?: string;
            /** @description host: admins only */
            network_mode?: string;
            /** @description the first joins at create, the others before start */
            networks?: {
                aliases: string[];
                ipv4_address: string;
                ipv6_address: string;
                name: string;
            }[];
            /** @description host: admins only */
            pid_mode?: string;
            ports?: {
                container: number;
                /** @description 0: none published / the engine picks */
                host: number;
                host_ip: string;
                /** @enum {string} */
                protocol: "tcp" | "udp" | "sctp";
            }[];
            /** @description admins only */
            privileged?: boolean;
            /** @description no | always | unless-stopped | on-failure[:N] */
            restart_policy?: string;
            /** @description other than no-new-privileges: admins only */
            security_opt?: string[];
            /** @description start it once created (default true) */
            start?: boolean;
            user?: string;
        };
        ContainerDetail: {
            app: components["schemas"]["ContainerApp"] | null;
            config: components["schemas"]["ContainerConfig"];
            host: string;
            /** @description the engine's own inspect document, whole */
            inspect: {
                [key: string]: unknown;
            };
            /** @description the server's terminal is on ([docker] terminal_enabled): admins may open one in a running container */
            terminal_enabled: boolean;
        };
        /** @description only the fields to change; every other setting is kept */
        ContainerEdit: {
            /** @description beyond Docker's default set and IPC_LOCK: admins only */
            cap_add?: string[];
            /** @description an argv array; null: the image's */
            command?: string[] | null;
            cpus?: number;
            /** @description /dev/host[:/dev/container][:rwm]; admins only */
            devices?: string[];
            /** @description an argv array; null: the image's */
            entrypoint?: string[] | null;
            env?: {
                [key: string]: string;
            };
            /** @description null: the image's; durations as "30s", "500ms" */
            healthcheck?: {
                interval: string;
                retries: number;
                start_period: string;
                test: string[];
                timeout: string;
            } | null;
            image?: string;
            /** @description host: admins only */
            ipc_mode?: string;
            /** @description rivetr.* labels are Rivetr's own and refused */
            labels?: {
                [key: string]: string;
            };
            /** @description bytes, or "512m" */
            memory?: number | string;
            /** @description a bind source must be under [docker] allowed_bind_roots for non-admins */
            mounts?: {
                read_only: boolean;
                source: string;
                target: string;
                /** @enum {string} */
                type: "volume" | "bind" | "tmpfs";
            }[];
            name?: string;
            /** @description host: admins only */
            network_mode?: string;
            /** @description the first joins at create, the others before start */
            networks?: {
                aliases: string[];
                ipv4_address: string;
                ipv6_address: string;
                name: string;
            }[];
            /** @description host: admins only */
            pid_mode?: string;
            ports?: {
                container: number;
                /** @description 0: none published / the engine picks */
                host: number;
                host_ip: string;
                /** @enum {string} */
                protocol: "tcp" | "udp" | "sctp";
            }[];
            /** @description admins only */
            privileged?: boolean;
            /** @description no | always | unless-stopped | on-failure[:N] */
            restart_policy?: string;
            /** @description other than no-new-privileges: admins only */
            security_opt?: string[];
            user?: string;
        };
        ContainerList: {
            containers: components["schemas"]["ContainerRow"][];
            /** @description hosts that did not answer an aggregate list (?host=*) */
            unreachable: components["schemas"]["UnreachableHost"][];
        };
        ContainerLogLine: {
            line: string;
            /** @enum {string} */
            stream: "stdout" | "stderr";
            /** @description ms since the epoch, from the engine's timestamp */
            ts: number;
        };
        ContainerLogs: {
            lines: components["schemas"]["ContainerLogLine"][];
        };
        ContainerOutcome: {
            /** @description the settings only an admin may use (audited) */
            dangerous: components["schemas"]["PolicyFinding"][];
            id: string;
            name: string;
            started: boolean;
        };
        ContainerProcesses: {
            processes: string[][];
            titles: string[];
        };
        ContainerRename: {
            name: string;
        };
        ContainerRenamed: {
            id: string;
            name: string;
        };
        ContainerRow: {
            app: components["schemas"]["ContainerApp"] | null;
            command: string;
            /** @description unix seconds */
            created: number;
            host: string;
            id: string;
            image: string;
            image_id: string;
            labels: {
                [key: string]: string;
            };
            name: string;
            names: string[];
            ports: {
                container: number;
                /** @description 0: none published / the engine picks */
                host: number;
                host_ip: string;
                /** @enum {string} */
                protocol: "tcp" | "udp" | "sctp";
            }[];
            state: string;
            status: string;
        };
        ContainerStats: {
            cpu_percent: number;
            memory_bytes: number;
            memory_limit_bytes: number;
            net_rx_bytes: number;
            net_tx_bytes: number;
        };
        /** @description per-app stage deadlines in ms (1000-86400000); null = the default */
        Deadlines: {
            build_ms: number | null;
            clone_ms: number | null;
            health_ms: number | null;
            start_ms: number | null;
        };
        Deployment: {
            app_id: string;
            commit_author: string | null;
            commit_message: string | null;
            commit_sha: string | null;
            /** Format: date-time */
            created_at: string;
            error: string | null;
            /** Format: date-time */
            finished_at: string | null;
            id: string;
            image: string | null;
            requested_commit: string | null;
            /** @description "roll back to this" would run: the deployment passed its health check and its image is still on the container engine */
            rollback_available?: boolean;
            rollback_of: string | null;
            /** Format: date-time */
            started_at: string | null;
            status: components["schemas"]["DeploymentStatus"];
            trigger: string;
        };
        DeploymentAccepted: {
            deployment_id: string;
            status?: string;
        };
        DeploymentList: components["schemas"]["Deployment"][];
        DeploymentLogs: {
            deployment_id: string;
            lines: components["schemas"]["LogLine"][];
            status: components["schemas"]["DeploymentStatus"];
        };
        DeploymentPage: {
            deployments: components["schemas"]["DeploymentList"];
        };
        /** @enum {string} */
        DeploymentStatus: "pending" | "cloning" | "building" | "starting" | "checking" | "switching" | "running" | "failed" | "cancelled" | "replaced" | "rolled_back";
        DeployRequest: {
            commit?: string;
        };
        DetectInput: {
            base_dir?: string;
            branch?: string;
            git_credentials?: components["schemas"]["GitCredentials"] | null;
            git_url: string;
        };
        DetectResult: {
            build_type: string | null;
            commit: string;
            port: number | null;
            reason: string;
        };
        DiskUsage: {
            build_cache: components["schemas"]["DiskUsageLine"];
            containers: components["schemas"]["DiskUsageLine"];
            host: string;
            images: components["schemas"]["DiskUsageLine"];
            volumes: components["schemas"]["DiskUsageLine"];
        };
        DiskUsageLine: {
            active: number;
            reclaimable_bytes: number;
            size_bytes: number;
            total: number;
        };
        DockerPolicy: {
            /** @description absolute host directories non-admins may bind-mount (and what is under them) */
            allowed_bind_roots: string[];
            /** @description capabilities anyone may add (read-only) */
            safe_capabilities: string[];
            /**
             * @description config: [docker] allowed_bind_roots of the file; saved: an admin's list
             * @enum {string}
             */
            source: "config" | "saved";
        };
        DockerPolicyInput: {
            /** @description null: use the config file's again */
            allowed_bind_roots: string[] | null;
        };
        EnvInput: {
            vars: components["schemas"]["EnvVarInput"][];
        };
        EnvList: components["schemas"]["EnvVar"][];
        EnvRedeployAccepted: {
            deployment_id: string;
            status: string;
            vars: components["schemas"]["EnvList"];
        };
        EnvVar: {
            build_time: boolean;
            key: string;
            secret: boolean;
            /** Format: date-time */
            updated_at: string;
            /** @description masked for secrets */
            value: string;
        };
        EnvVarInput: {
            build_time?: boolean;
            key: string;
            secret?: boolean;
            updated_at?: string;
            /** @description a secret's mask keeps its stored value */
            value?: string;
        };
        Error: {
            error: {
                code: string;
                /** @description volume_in_use: the containers that mount the volume */
                containers?: components["schemas"]["VolumeUser"][];
                /** @description the input at fault, as its JSON path */
                field?: string;
                /** @description invalid_compose: every issue found, with file, line and key */
                issues?: components["schemas"]["ComposeIssue"][];
                message: string;
            };
        };
        /** @description text/event-stream: `id`, `event`, `data` (JSON) frames */
        EventStream: string;
        ExternalRoute: {
            /** Format: date-time */
            created_at: string;
            domain: string;
            tls: boolean;
            /** Format: date-time */
            updated_at: string;
            upstream: string;
        };
        ExternalRouteInput: {
            /** @description any host name but server.dashboard_domain (409) */
            domain: string;
            tls?: boolean;
            /** @example 10.0.0.5:3000 */
            upstream: string;
        };
        ExternalRouteList: components["schemas"]["ExternalRoute"][];
        /** @description HTTPS user name and password/token, stored encrypted and never shown; null removes them. Dropped when git_url moves to another server without new ones */
        GitCredentials: {
            password?: string;
            username: string;
        };
        Healthcheck: {
            interval_ms: number;
            path: string;
            retries: number;
            start_period_ms: number;
            timeout_ms: number;
            /** @enum {string} */
            type: "http" | "tcp";
        };
        Host: {
            /** @description tcp: host:port; ssh: user@host[:port]; "" for the local engine */
            address: string;
            /** Format: date-time */
            created_at: string | null;
            created_by: string;
            engine_version: string;
            /** @description why it is unreachable; empty when ok */
            error: string;
            has_ssh_key: boolean;
            has_tls_ca: boolean;
            has_tls_cert: boolean;
            has_tls_key: boolean;
            /** @description "local" for the engine Rivetr runs on */
            id: string;
            /** @enum {string} */
            kind: "local" | "tcp" | "ssh";
            name: string;
            /** @description the last attempt reached the engine */
            ok: boolean;
            /**
             * Format: date-time
             * @description when ok last changed (unreachable since …)
             */
            since: string;
            /** @description the pinned public host key; empty until pinned */
            ssh_host_key: string;
            /** @description SHA256:… as ssh-keygen -l prints it */
            ssh_host_key_fingerprint: string;
        };
        HostInput: {
            /** @example 10.0.0.5:2376 */
            address: string;
            /** @enum {string} */
            kind: "tcp" | "ssh";
            /** @description 1-63 lower-case letters, digits or '-' */
            name: string;
            /** @description ssh: the private key, without a passphrase (PEM text); write-only, stored encrypted */
            ssh_key?: string;
            /** @description tcp: the CA of the engine's certificate (PEM text); write-only, stored encrypted */
            tls_ca?: string;
            /** @description tcp: the client certificate (PEM text); write-only, stored encrypted */
            tls_cert?: string;
            /** @description tcp: the client key (PEM text); write-only, stored encrypted */
            tls_key?: string;
        };
        HostList: components["schemas"]["Host"][];
        HostTestResult: {
            engine_version: string;
            error: string;
            host_key_pinned_now: boolean;
            ok: boolean;
            ssh_host_key_fingerprint: string;
        };
        HostUpdate: {
            address?: string;
            name?: string;
            /** @description forget the pinned SSH host key and pin what the host shows now */
            repin_host_key?: boolean;
            /** @description ssh (PEM text); write-only, stored encrypted */
            ssh_key?: string;
            /** @description tcp (PEM text); write-only, stored encrypted */
            tls_ca?: string;
            /** @description tcp (PEM text); write-only, stored encrypted */
            tls_cert?: string;
            /** @description tcp (PEM text); write-only, stored encrypted */
            tls_key?: string;
        };
        Image: {
            app_id: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description no tag at all */
            dangling: boolean;
            /** @description repo@sha256:... for an image pulled from or pushed to a registry */
            digests: string[];
            /** @description the id of the host it is on */
            host: string;
            id: string;
            in_use: boolean;
            /** @description label name -> value */
            labels: {
                [key: string]: unknown;
            };
            /** @description built by Rivetr for an app's deployment: prunes leave it (its rollback needs it) */
            managed: boolean;
            /** @description the id's first 12 hex digits, as `docker images` shows it */
            short_id: string;
            size_bytes: number;
            tags: string[];
            /** @description every container running or holding this image, stopped ones too */
            used_by: components["schemas"]["ImageContainer"][];
        };
        ImageContainer: {
            id: string;
            name: string;
            state: string;
        };
        ImageHistory: {
            layers: components["schemas"]["ImageLayer"][];
        };
        ImageLayer: {
            comment: string;
            /** Format: date-time */
            created_at: string;
            created_by: string;
            /** @description "<missing>" for layers built elsewhere */
            id: string;
            size_bytes: number;
            tags: string[];
        };
        ImageList: {
            /** @description the host asked: its id, or * for every host */
            host: string;
            images: components["schemas"]["Image"][];
            /** @description hosts that did not answer an aggregate list (?host=*) */
            unreachable: components["schemas"]["UnreachableHost"][];
        };
        ImagePrune: {
            dry_run: boolean;
            /** @description what goes (went) */
            images: {
                id: string;
                size_bytes: number;
                tags: string[];
            }[];
            /** @description images the mode selects that stay, and why */
            kept: {
                id: string;
                reason: string;
                tags: string[];
            }[];
            /**
             * @description dangling: untagged images; unused: every image no container uses
             * @enum {string}
             */
            mode: "dangling" | "unused";
            /** @description per image, when executed; empty for a dry run */
            outcomes: components["schemas"]["ImagePruneOutcome"][];
            removed_size_bytes: number;
            /** @description the listed sizes of `images` added up (shared layers may free less) */
            size_bytes: number;
        };
        ImagePruneInput: {
            /** @description default true: only show what would go */
            dry_run?: boolean;
            /** @description only these (what the user confirmed from the dry run) */
            image_ids?: string[];
            /** @description only images carrying all of these ("": any value) */
            labels?: {
                [key: string]: unknown;
            };
            /**
             * @description dangling: untagged images; unused: every image no container uses
             * @enum {string}
             */
            mode?: "dangling" | "unused";
        };
        ImagePruneOutcome: {
            deleted: string[];
            /** @description the engine's reason for a refusal */
            error: string | null;
            id: string;
            removed: boolean;
            untagged: string[];
        };
        ImagePullInput: {
            /** @description repo[:tag] or repo@sha256:...; no tag pulls :latest */
            image: string;
        };
        /** @description the data of a pull stream's `progress` event: one line of the engine's progress (id: the layer; current/total: bytes, 0 when the engine gave none) */
        ImagePullProgress: {
            current: number;
            id: string;
            status: string;
            total: number;
        };
        /** @description the data of a pull stream's `done` event */
        ImagePullResult: {
            digest: string;
            image_id: string;
            reference: string;
            status: string;
        };
        ImageRemoval: {
            deleted: string[];
            untagged: string[];
        };
        LoginInput: {
            password: string;
            /** @description the 6-digit code, or a recovery code (xxxx-xxxx-xxxx-xxxx) */
            totp?: string;
            username: string;
        };
        LoginResult: {
            csrf_token: string;
            /** @description when a recovery code signed in: how many unused codes the user has left */
            recovery_codes_remaining?: number;
            user: components["schemas"]["User"];
        };
        LogLine: {
            id?: number;
            line: string;
            stream: string;
            /** Format: date-time */
            ts: string;
        };
        ManagedContainerLogs: {
            lines: components["schemas"]["ContainerLogLine"][];
        };
        ManagedContainerStats: {
            block_read_bytes: number;
            block_write_bytes: number;
            cpu_percent: number;
            /** @description usage minus inactive file cache */
            memory_bytes: number;
            memory_limit_bytes: number;
            memory_percent: number;
            net_rx_bytes: number;
            net_tx_bytes: number;
            pids: number;
        };
        Me: {
            actor_type: string;
            csrf_token?: string;
            name: string;
            role: components["schemas"]["Role"];
            user?: components["schemas"]["User"];
        };
        Network: {
            /** @description the app a network Rivetr made belongs to */
            app_id: string | null;
            app_name: string | null;
            attachable: boolean;
            /** @description bridge, host or none: the engine's own, never removed */
            builtin: boolean;
            containers: components["schemas"]["NetworkContainer"][];
            created_at: string;
            driver: string;
            /** @description the id of the host it is on */
            host: string;
            id: string;
            /** @description no route out of the network */
            internal: boolean;
            ipv6: boolean;
            /** @description name -> value */
            labels: {
                [key: string]: string;
            };
            /** @description made by Rivetr (rivetr.managed): never removed here */
            managed: boolean;
            name: string;
            /** @description driver options (macvlan's parent, the bridge's mtu...) */
            options: {
                [key: string]: string;
            };
            scope: string;
            short_id: string;
            subnets: components["schemas"]["NetworkSubnet"][];
        };
        NetworkConnectInput: {
            aliases?: string[];
            /** @description a container's id or name */
            container: string;
            /** @description a fixed address inside the network's subnet */
            ipv4_address?: string;
        };
        NetworkConnectResult: {
            network: components["schemas"]["Network"];
            /** @description set when the container belongs to an app: its next deploy leaves the network */
            warning: string | null;
        };
        NetworkContainer: {
            /** @description its names in the network (the engine adds the short id) */
            aliases: string[];
            /** @description the Rivetr app it belongs to */
            app_id: string | null;
            app_name: string | null;
            id: string;
            /** @description without its prefix length; "" when it has none */
            ipv4_address: string;
            ipv6_address: string;
            mac_address: string;
            name: string;
        };
        NetworkCreateInput: {
            attachable?: boolean;
            /**
             * @description default bridge; macvlan: admins only
             * @enum {string}
             */
            driver?: "bridge" | "macvlan";
            /** @description an address inside the subnet */
            gateway?: string;
            internal?: boolean;
            /** @description CIDR inside the subnet the engine hands addresses from */
            ip_range?: string;
            /** @description name -> value */
            labels?: {
                [key: string]: string;
            };
            /** @description ^[a-zA-Z0-9][a-zA-Z0-9_.-]+$ */
            name: string;
            /** @description driver options; macvlan needs parent (a host interface) */
            options?: {
                [key: string]: string;
            };
            /** @description CIDR, e.g. 10.20.0.0/24; empty: the engine picks one */
            subnet?: string;
        };
        NetworkDisconnectInput: {
            container: string;
            force?: boolean;
        };
        NetworkList: {
            /** @description the host asked: its id, or * for every host */
            host: string;
            networks: components["schemas"]["Network"][];
            /** @description hosts that did not answer an aggregate list (?host=*) */
            unreachable: components["schemas"]["UnreachableHost"][];
        };
        NetworkPrune: {
            dry_run: boolean;
            /** @description unused networks that stay, and why */
            kept: {
                driver: string;
                id: string;
                name: string;
                reason: string;
            }[];
            /** @description unused networks users made: what a prune removes (empty once executed) */
            networks: {
                driver: string;
                id: string;
                name: string;
            }[];
            /** @description per confirmed id, when executed */
            outcomes: {
                error: string | null;
                id: string;
                name: string;
                removed: boolean;
            }[];
        };
        NetworkPruneInput: {
            /** @description default true: only show what would go */
            dry_run?: boolean;
            /** @description the ids to remove (what the user confirmed from the dry run); required when executing */
            networks?: string[];
        };
        NetworkRemoval: {
            id: string;
            name: string;
            removed: boolean;
        };
        NetworkSubnet: {
            gateway: string;
            /** @description "": the whole subnet */
            ip_range: string;
            subnet: string;
        };
        Object: Record<string, never>;
        PasswordChange: {
            current_password: string;
            new_password: string;
        };
        PasswordChanged: {
            /** @description the fresh session's CSRF token */
            csrf_token?: string;
            /** @description the caller's browser session was replaced by a fresh one */
            session_reissued: boolean;
            user: components["schemas"]["User"];
        };
        PolicyFinding: {
            field: string;
            rule: string;
        };
        RecoveryCodeProof: {
            /** @description a current 6-digit TOTP code */
            code?: string;
            /** @description or the caller's password */
            password?: string;
        };
        RecoveryCodes: {
            recovery_codes: string[];
            remaining: number;
        };
        RecoveryCodeState: {
            remaining: number;
            totp_enabled: boolean;
        };
        Resources: {
            cpu_limit_millis: number | null;
            memory_limit_bytes: number | null;
        };
        /** @enum {string} */
        Role: "admin" | "developer" | "viewer";
        StackContainers: {
            containers: string[];
        };
        StackDeployInput: {
            /** @description pull & redeploy */
            pull?: boolean;
            /** @description only this service */
            service?: string;
        };
        StackDeployResult: {
            /** @description replaces a crash interrupted, finished first */
            recovered: string[];
            /** @description containers of services the file no longer has */
            removed_orphans: string[];
            revision: number;
            /** @description in start order */
            services: {
                container: string;
                id: string;
                /** @enum {string} */
                outcome: "created" | "recreated" | "restarted" | "started" | "unchanged";
                service: string;
            }[];
        };
        StackDetail: {
            /** @description the file's bytes as saved */
            compose: string;
            compose_file: string;
            config_file: string;
            /** @description the revision last deployed */
            deployed: components["schemas"]["StackRevision"] | null;
            /** @description stored variables the file interpolates, by name */
            env: {
                [key: string]: {
                    secret: boolean;
                    /** @description null for a secret: write-only */
                    value: string | null;
                };
            };
            /** @description the .env file's bytes */
            env_file: string | null;
            last_revision: components["schemas"]["StackRevision"] | null;
            name: string;
            /** @description services with a running container */
            running: number;
            services: components["schemas"]["StackServiceState"][];
            /**
             * @description rivetr: files in the stacks directory; adopted: a project started elsewhere whose file is readable; external: one whose file is not (start, stop and down only)
             * @enum {string}
             */
            source: "rivetr" | "adopted" | "external";
            /** @enum {string} */
            status: "running" | "partial" | "stopped" | "not_deployed";
        };
        StackDown: {
            kept_volumes: string[];
            removed_containers: string[];
            removed_networks: string[];
            removed_volumes: string[];
        };
        StackDownInput: {
            /** @description also remove the named volumes (default false) */
            volumes?: boolean;
        };
        StackInput: {
            /** @description the compose file's text (required at create) */
            compose?: string;
            /** @description variables: "value" or {value, secret}; a secret with a null value keeps its stored value */
            env?: {
                [key: string]: string | {
                    secret?: boolean;
                    value?: string | null;
                };
            };
            /** @description the .env file's text */
            env_file?: string | null;
            /** @description ^[a-z0-9][a-z0-9_-]*$, at most 63 (create and validate) */
            name?: string;
        };
        StackList: {
            stacks: components["schemas"]["StackSummary"][];
        };
        StackRevision: {
            actor: string;
            /** @description the compose file deployed */
            compose: string;
            env_file: string | null;
            error: string | null;
            finished_at: number | null;
            revision: number;
            /** @description the service a failed deploy stopped at */
            service: string | null;
            /** @description ms since the epoch */
            started_at: number;
            /** @enum {string} */
            status: "deploying" | "deployed" | "failed";
        };
        StackRevisions: {
            revisions: components["schemas"]["StackRevision"][];
        };
        StackServiceInput: {
            /** @description only this service */
            service?: string;
        };
        StackServiceState: {
            /** @description "" when the service has no container */
            container: string;
            /** @enum {string|null} */
            health: "starting" | "healthy" | "unhealthy" | null;
            id: string;
            image: string;
            service: string;
            /** @description the engine's (running, exited ...) or missing */
            state: string;
        };
        StackSummary: {
            config_file: string;
            last_revision: components["schemas"]["StackRevision"] | null;
            name: string;
            /** @description services with a running container */
            running: number;
            services: components["schemas"]["StackServiceState"][];
            /**
             * @description rivetr: files in the stacks directory; adopted: a project started elsewhere whose file is readable; external: one whose file is not (start, stop and down only)
             * @enum {string}
             */
            source: "rivetr" | "adopted" | "external";
            /** @enum {string} */
            status: "running" | "partial" | "stopped" | "not_deployed";
        };
        StackTemplate: {
            category: string;
            compose: string;
            description: string;
            id: string;
            inputs: {
                default: string;
                description: string;
                label: string;
                name: string;
                required: boolean;
                /** @enum {string} */
                type: "port" | "string" | "email" | "url";
            }[];
            name: string;
            /** @description generated at deploy, stored encrypted */
            secrets: {
                length: number;
                name: string;
            }[];
            /** @description service:port a domain should point at */
            web_service: string | null;
        };
        StackTemplateDeployed: {
            deploy: components["schemas"]["StackDeployResult"];
            stack: components["schemas"]["StackDetail"];
        };
        StackTemplateDeployInput: {
            /** @description input name -> value */
            inputs?: {
                [key: string]: string;
            };
            /** @description the new stack's name (default: the template's id) */
            name?: string;
        };
        StackTemplateList: {
            templates: components["schemas"]["StackTemplate"][];
        };
        StackValidation: {
            issues: components["schemas"]["ComposeIssue"][];
            valid: boolean;
        };
        SystemInfo: {
            apps: number;
            deployments_active: number;
            host: {
                cpu_percent: number;
                cpus: number;
                disk_free_bytes: number;
                disk_total_bytes: number;
                load_avg: number[];
                memory_total_bytes: number;
                memory_used_bytes: number;
            };
            /** @description where app domains are served: an app's URL carries the port when it is not 80/443 */
            proxy: {
                http_port: number;
                https_port: number;
                /** @description the proxy serves HTTPS for domains with a certificate */
                tls: boolean;
            };
            /** @description [server] public_url without a trailing /: webhook URLs are built on it; null: unset (the dashboard uses its own address) */
            public_url: string | null;
            /** @description why git providers may not reach the webhook URLs (unset, or a loopback address) */
            public_url_warning: string | null;
            runtime: {
                kind: string | null;
                ok: boolean;
                version: string | null;
            };
            version: string;
        };
        Text: string;
        Token: {
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            id: string;
            /** Format: date-time */
            last_used_at: string | null;
            name: string;
            /** @description null for tokens minted before owners were recorded */
            owner: components["schemas"]["TokenOwner"] | null;
            prefix: string;
            /** Format: date-time */
            revoked_at: string | null;
            /** @description it never acts above its owning user's current role */
            role: components["schemas"]["Role"];
            /** @description only in the answer to its creation */
            token?: string;
        };
        TokenInput: {
            expires_in_days?: number;
            name: string;
            role?: components["schemas"]["Role"];
        };
        TokenList: components["schemas"]["Token"][];
        /** @description who minted it: a user (the token is revoked when that user is disabled or deleted) or the instance admin token */
        TokenOwner: {
            name: string;
            /** @enum {string} */
            type: "user" | "admin_token";
            user_id: string | null;
        };
        TotpCode: {
            code: string;
        };
        TotpSetup: {
            otpauth_uri: string;
            secret: string;
        };
        TotpState: {
            /** @description when TOTP was just turned on: shown once, never again */
            recovery_codes?: string[];
            totp_enabled: boolean;
        };
        /** @description a host an aggregate list (?host=*) could not ask, and why */
        UnreachableHost: {
            error: string;
            host: string;
        };
        User: {
            /** Format: date-time */
            created_at: string;
            disabled: boolean;
            id: string;
            role: components["schemas"]["Role"];
            totp_enabled: boolean;
            /** Format: date-time */
            updated_at: string;
            username: string;
        };
        UserChange: {
            disabled?: boolean;
            password?: string;
            role?: components["schemas"]["Role"];
            /** @description false resets a lost second factor */
            totp_enabled?: boolean;
            transfer_tokens_to?: string;
        };
        UserInput: {
            password: string;
            role?: components["schemas"]["Role"];
            username: string;
        };
        UserList: components["schemas"]["User"][];
        Volume: {
            /** @description the Rivetr app it belongs to: removed only with the app */
            app: {
                id: string;
                name: string;
            } | null;
            /** Format: date-time */
            created_at: string | null;
            driver: string;
            /** @description the id of the host it is on */
            host: string;
            in_use: boolean;
            labels: {
                [key: string]: string;
            };
            mountpoint: string;
            name: string;
            /** @description the driver's options (the local driver's type, o, device) */
            options: {
                [key: string]: string;
            };
            /** @description containers referring to it, as the engine counts; null: unknown */
            ref_count: number | null;
            /** @description null: unknown (the engine did not measure it) */
            size_bytes: number | null;
            /** @description the compose project it belongs to */
            stack: string | null;
            /** @description every container that mounts it, stopped ones too */
            used_by: components["schemas"]["VolumeUser"][];
        };
        VolumeBackupStored: {
            bytes: number;
            path: string;
            volume: string;
        };
        VolumeBrowse: {
            /** @description a directory's: directories first, then by name */
            entries?: components["schemas"]["VolumeFileEntry"][];
            file?: components["schemas"]["VolumeFileEntry"];
            host: string;
            /** @enum {string} */
            kind: "directory" | "file";
            /** @description normalised, relative to the volume's root */
            path: string;
            preview?: components["schemas"]["VolumePreview"];
            /** @description the directory has more entries than one answer holds */
            truncated: boolean;
            volume: string;
        };
        VolumeCreated: {
            /** @description the settings only an admin may use (audited) */
            dangerous: components["schemas"]["PolicyFinding"][];
            volume: components["schemas"]["Volume"];
        };
        VolumeCreateInput: {
            /** @description default "local" */
            driver?: string;
            /** @description e.g. type, o, device for the local driver */
            driver_opts?: {
                [key: string]: string;
            };
            /** @description none under rivetr. (Rivetr's own) */
            labels?: {
                [key: string]: string;
            };
            /** @description ^[a-zA-Z0-9][a-zA-Z0-9_.-]+$ */
            name: string;
        };
        VolumeDetail: {
            host: string;
            /** @description the engine's inspect document */
            inspect: {
                [key: string]: unknown;
            };
            volume: components["schemas"]["Volume"];
        };
        VolumeFileEntry: {
            gid: number;
            /** @description permission bits in octal, e.g. "0640" or "4755" */
            mode: string;
            /** @description unix seconds */
            mtime: number;
            name: string;
            /** @description bytes; a symlink's: its target's length */
            size: number;
            /** @description a symlink's target as stored; never followed */
            target?: string;
            /** @enum {string} */
            type: "file" | "directory" | "symlink" | "fifo" | "socket" | "char_device" | "block_device";
            uid: number;
        };
        VolumeList: {
            /** @description the host asked: its id, or * for every host */
            host: string;
            /** @description hosts that did not answer an aggregate list (?host=*) */
            unreachable: components["schemas"]["UnreachableHost"][];
            volumes: components["schemas"]["Volume"][];
        };
        VolumePreview: {
            /**
             * @description text: a previewable file's start; binary: it holds NUL bytes; metadata: not a text type
             * @enum {string}
             */
            kind: "text" | "binary" | "metadata";
            limit_bytes?: number;
            notice?: string;
            text?: string;
            truncated?: boolean;
        };
        VolumePrune: {
            dry_run: boolean;
            host: string;
            /** @description unused (or confirmed) volumes that stay, and why */
            kept: {
                name: string;
                reason: string;
            }[];
            /** @description per volume, when executed; empty for a dry run */
            outcomes: {
                error: string | null;
                name: string;
                removed: boolean;
            }[];
            removed_size_bytes: number;
            /** @description the known sizes of `volumes` added up */
            size_bytes: number;
            /** @description what goes (went) */
            volumes: {
                name: string;
                size_bytes: number | null;
            }[];
        };
        VolumePruneInput: {
            /** @description the names shown by the dry run: removes those still unused */
            confirm?: string[];
        };
        VolumeRemoval: {
            host: string;
            name: string;
            removed: boolean;
        };
        VolumeRestoreResult: {
            /** @description the volume was created (?create=1) */
            created: boolean;
            entries: number;
            host: string;
            /** @description a non-empty volume's content was replaced (?force=1) */
            replaced: boolean;
            volume: string;
        };
        VolumeUser: {
            id: string;
            name: string;
            read_only: boolean;
            state: string;
            /** @description where the container mounts it */
            target: string;
        };
        WebhookDelivery: {
            /** @description the pushed head commit */
            commit_sha: string | null;
            /** @description the provider's delivery id; "" when it sent none */
            delivery_id: string;
            deployment_id: string | null;
            /** @description the provider's event name: push, ping, Push Hook, repo:push, ... */
            event: string;
            /** @description what Rivetr answered the provider */
            http_status: number;
            id: number;
            /** @enum {string} */
            provider: "github" | "gitlab" | "gitea" | "bitbucket";
            reason: string;
            /** Format: date-time */
            received_at: string;
            ref: string | null;
            /**
             * @description deployed: deployment_id was queued; ignored: reason says why (another branch, not a push, a skip marker, a duplicate delivery); pong: a ping whose secret verified; rejected: a bad or missing signature (401) or a malformed payload (400); failed: Rivetr could not queue the deployment
             * @enum {string}
             */
            result: "deployed" | "ignored" | "pong" | "rejected" | "failed";
        };
        WebhookDeliveryList: {
            deliveries: components["schemas"]["WebhookDelivery"][];
        };
        WebhookTestResult: {
            delivery_id: string;
            duration_ms: number;
            /** @description the transport failure (could not connect, timeout, ...) */
            error: string | null;
            explanation: string;
            /** @description Rivetr answered 200 pong: the URL reaches it and the app's secret verifies */
            ok: boolean;
            /** @description the start of the answer's body */
            response: string;
            /** @description the HTTP status answered; null when nothing answered */
            status: number | null;
            /** @description where the ping was sent: [server] public_url's webhook URL, or the API's own address when public_url is unset */
            url: string;
            /** @description what the test cannot prove: public_url unset or a loopback address */
            warning: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "get/api/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "put/api/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/apps/{id}/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificates"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/apps/{id}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeployRequest"];
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentAccepted"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/apps/{id}/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppDeploymentList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/apps/{id}/env": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "put/api/apps/{id}/env": {
        parameters: {
            query?: {
                /** @description save, then redeploy the live image with these variables (POST /api/apps/{id}/redeploy) */
                redeploy?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnvInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvList"];
                };
            };
            /** @description success with ?redeploy=true */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvRedeployAccepted"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/apps/{id}/env/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/apps/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerLogs"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/apps/{id}/logs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["EventStream"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/apps/{id}/redeploy": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentAccepted"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/apps/{id}/restart": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/apps/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/apps/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerStats"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/apps/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/apps/{id}/webhooks/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/apps/{id}/webhooks/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookTestResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/apps/detect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DetectInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DetectResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordChanged"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/auth/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodeState"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/auth/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoveryCodeProof"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodes"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/auth/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpCode"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpState"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpCode"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpState"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpSetup"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/containers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContainerCreate"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerOutcome"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/containers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "put/api/containers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContainerEdit"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerOutcome"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/containers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/{id}/clone": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContainerClone"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerOutcome"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/{id}/kill": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/containers/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ManagedContainerLogs"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/containers/{id}/logs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["EventStream"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/{id}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContainerRename"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerRenamed"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/{id}/restart": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/containers/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ManagedContainerStats"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/containers/{id}/terminal": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/containers/{id}/top": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerProcesses"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/{id}/unpause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerActionResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/containers/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContainerBulk"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerBulkResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentPage"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/deployments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deployment"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/deployments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentAccepted"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/deployments/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentLogs"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/deployments/{id}/logs/stream": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["EventStream"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/deployments/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentAccepted"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/docker/disk-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DiskUsage"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/docker/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["EventStream"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/docker/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DockerPolicy"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "put/api/docker/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DockerPolicyInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DockerPolicy"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["EventStream"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HostList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HostInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Host"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/hosts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Host"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "put/api/hosts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HostUpdate"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Host"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/hosts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/hosts/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HostTestResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/images/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageRemoval"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/images/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageHistory"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/images/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImagePruneInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImagePrune"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/images/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImagePullInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["EventStream"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/networks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NetworkList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/networks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NetworkCreateInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Network"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/networks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Network"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/networks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NetworkRemoval"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/networks/{id}/connect": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NetworkConnectInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NetworkConnectResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/networks/{id}/disconnect": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NetworkDisconnectInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Network"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/networks/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NetworkPruneInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NetworkPrune"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Object"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalRouteList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExternalRouteInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalRoute"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/routes/{domain}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/stacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/stacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/stacks/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "put/api/stacks/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/stacks/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackDown"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/stacks/{name}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackDeployInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackDeployResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/stacks/{name}/down": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackDownInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackDown"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/stacks/{name}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["EventStream"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/stacks/{name}/pull": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackDeployInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackDeployResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/stacks/{name}/restart": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackServiceInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackContainers"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/stacks/{name}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackRevisions"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/stacks/{name}/start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackServiceInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackContainers"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/stacks/{name}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackServiceInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackContainers"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/stacks/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackValidation"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/system": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemInfo"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackTemplateList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/templates/{id}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StackTemplateDeployInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StackTemplateDeployed"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "put/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserChange"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/volumes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VolumeList"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/volumes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VolumeCreateInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VolumeCreated"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/volumes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VolumeDetail"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delete/api/volumes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VolumeRemoval"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/volumes/{name}/backup": {
        parameters: {
            query?: {
                /** @description "server": keep it on the server ([docker] volume_backup_dir) */
                to?: boolean;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description success with ?to=true */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VolumeBackupStored"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/volumes/{name}/browse": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VolumeBrowse"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/api/volumes/{name}/download": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/volumes/{name}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VolumeRestoreResult"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/api/volumes/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VolumePruneInput"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VolumePrune"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Object"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "get/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["Text"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/webhooks/bitbucket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Object"];
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Object"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/webhooks/gitea": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Object"];
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Object"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/webhooks/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Object"];
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Object"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "post/webhooks/gitlab": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Object"];
            };
        };
        responses: {
            /** @description success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Object"];
                };
            };
            /** @description error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
