// What the route handlers work with: the store's repositories and the audit trail, built once at start.
#pragma once

#include <functional>

#include "api/app_list_cache.hpp"
#include "api/app_validation.hpp"
#include "api/authenticator.hpp"
#include "api/external_route_sink.hpp"
#include "api/live_deps.hpp"
#include "api/route.hpp"
#include "store/app_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/deployment_repository.hpp"
#include "store/env_repository.hpp"
#include "store/recovery_code_repository.hpp"
#include "store/token_repository.hpp"
#include "store/user_repository.hpp"

namespace rivetr::api {

struct ApiContext {
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
          auth(std::move(adminToken), tokens, &sessions, authOptions) {}

    // Records a mutation with its actor; every mutating handler calls it once it succeeded.
    void record(const RequestContext& ctx, const std::string& action, const std::string& targetType,
                const std::string& targetId, const nlohmann::json& details = nlohmann::json::object());

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
    Authenticator auth;
    AppListCache appList;
    // Set by `rivetr serve` to the engine's forgetApp: an app is never deleted while it serves.
    std::function<void(const std::string& appId)> onAppDeleting;
    ExternalRouteSink externalRouteSink;  // filled by `rivetr serve`
    // [auth] webhook_secret: verifies deliveries for every app besides each app's own; empty: off.
    std::string webhookSecret;
    AppRules appRules;  // local repositories allowed? the dashboard's domain; from config
    LiveDeps live;  // filled by `rivetr serve`; the defaults serve tests without a runtime
};

}  // namespace rivetr::api
