// The control API's composition root: owns the repositories, the authenticator and the audit trail once,
// and hands each feature folder only its own dependency struct (AuthDeps, AppsDeps, WebhooksDeps, SystemDeps).
#pragma once

#include <functional>

#include "api/apps/apps_deps.hpp"
#include "api/auth/auth_deps.hpp"
#include "api/system/system_deps.hpp"
#include "api/webhooks/webhooks_deps.hpp"
#include "containers/app_gateway.hpp"
#include "containers/create_policy.hpp"
#include "containers/docker_policy.hpp"
#include "core/non_copyable.hpp"
#include "hosts/local_host_directory.hpp"
#include "hosts/registry_host_directory.hpp"
#include "terminal/terminal_service.hpp"
#include "api/volume_content/volume_content_deps.hpp"
#include "store/app_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/container_edit_journal.hpp"
#include "store/deployment_repository.hpp"
#include "store/env_repository.hpp"
#include "stacks/stack_service.hpp"
#include "store/recovery_code_repository.hpp"
#include "store/stack_repository.hpp"
#include "store/token_repository.hpp"
#include "store/user_repository.hpp"

namespace rivetr::api {

// Stacks in ./data/stacks until `rivetr serve` names <data_dir>/stacks.
inline stacks::StackServiceOptions defaultStackOptions() {
    stacks::StackServiceOptions o;
    o.stacksDir = "./data/stacks";
    return o;
}

// Not copyable: the feature structs below refer to its members.
struct ApiContext : private NonCopyable {
    ApiContext(store::Store& s, const crypto::Key256& key, std::string adminToken, AuthOptions authOptions = {})
        : store(s),
          apps(s, store::SecretBox(key)),
          env(s, store::SecretBox(key)),
          tokens(s),
          audit(s),
          deployments(s),
          externalRoutes(s),
          hasher(authOptions.passwordCost),
          users(s, store::SecretBox(key), hasher),
          sessions(s, authOptions.sessions),
          recoveryCodes(s),
          editJournal(s, store::SecretBox(key)),
          stackRepo(s, store::SecretBox(key)),
          auth(std::move(adminToken), tokens, &sessions, authOptions),
          dockerPolicy(s) {
        // The bind roots come from the admin-managed policy at every create: one source, no copy.
        containerPolicy.currentBindRoots = [this] { return dockerPolicy.current().allowedBindRoots; };
    }

    store::Store& store;
    store::AppRepository apps;
    store::EnvRepository env;
    store::TokenRepository tokens;
    store::AuditRepository audit;
    store::DeploymentRepository deployments;
    store::ExternalRouteRepository externalRoutes;
    store::PasswordHasher hasher;
    store::UserRepository users;
    store::SessionRepository sessions;
    store::RecoveryCodeRepository recoveryCodes;
    // The Docker manager's edits in flight (a recreate in steps): recovered at start-up by `rivetr serve`.
    store::ContainerEditJournal editJournal;
    // Compose stacks' stored variables and deploy revisions (their files are in stackOptions.stacksDir).
    store::StackRepository stackRepo;
    Authenticator auth;
    AppListCache appList;
    // Set by `rivetr serve` to the engine's forgetApp: an app is never deleted while it serves.
    std::function<void(const std::string& appId)> onAppDeleting;
    ExternalRouteSink externalRouteSink;  // filled by `rivetr serve`
    // [auth] webhook_secret: verifies deliveries for every app besides each app's own; empty: off.
    std::string webhookSecret;
    AppRules appRules;  // local repositories allowed? the dashboard's domain; from config
    LiveDeps live;  // filled by `rivetr serve`; the defaults serve tests without a runtime
    AuditTrail trail{audit};
    // Every engine the Docker-manager routes reach. By default the local engine alone, through
    // live.runtime; `rivetr serve` may set another directory before controlRoutes() runs.
    std::shared_ptr<hosts::HostDirectory> hosts =
        std::make_shared<hosts::LocalHostDirectory>([this] { return live.runtime(); });
    // The same directory as the one that adds, changes, removes and tests remote hosts; set by
    // `rivetr serve` with `hosts`. Null: only the local engine (the hosts routes then list it alone).
    std::shared_ptr<hosts::RegistryHostDirectory> hostRegistry;
    // The Docker manager's create policy: [docker] allowed_bind_roots and the socket, set by `rivetr
    // serve` before controlRoutes() runs (the default: no bind roots, the default socket).
    containers::PolicyOptions containerPolicy = containers::localPolicyDefaults();
    // [docker] allowed_bind_roots as the default, an admin's saved list (PUT /api/docker/policy) over it;
    // `rivetr serve` sets the config default. containerPolicy reads its bind roots from here.
    containers::DockerPolicyStore dockerPolicy;
    bool containerListCache = true;  // [docker] list_cache
    // How the Docker manager starts and stops an app's container: through the app's engine jobs.
    // Set by `rivetr serve` (server/engine_app_gateway.hpp); null: apps' containers are refused.
    std::shared_ptr<containers::AppGateway> appGateway;
    // The dashboard's terminals, started by `rivetr serve` ([docker] terminal_*); null: the route answers 403.
    std::shared_ptr<terminal::TerminalService> terminals;
    std::vector<std::string> terminalOrigins;  // origins besides the request's own (the public URL's)
    // The volume browser's helper and where backups and uploads go; set by `rivetr serve` ([docker] volume_*).
    VolumeContentSettings volumeContent;
    // Compose stacks: where their directories are (`rivetr serve`: <data_dir>/stacks) and, once made, the service
    // (controlRoutes() makes it from these options unless `rivetr serve` made it first to recover at start-up).
    stacks::StackServiceOptions stackOptions = defaultStackOptions();
    std::shared_ptr<stacks::StackService> stacks;

    // Each feature's view of the above (declared last: they refer to the members before them).
    AuthDeps authDeps{users, sessions, tokens, recoveryCodes, audit, auth, trail};
    AppsDeps appsDeps{store, apps, env, deployments, externalRoutes, appList, appRules, onAppDeleting, externalRouteSink, live, trail};
    WebhooksDeps webhooksDeps{store, apps, audit, webhookSecret, live.address, trail};
    SystemDeps systemDeps{store, apps, deployments, live};
};

}  // namespace rivetr::api
