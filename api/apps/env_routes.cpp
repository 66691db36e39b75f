// The /api/apps/{id}/env routes: read with secrets masked, bulk replace (and redeploy), delete one variable.
#include "api/apps/env_routes.hpp"

#include <map>

#include "api/http/api_errors.hpp"
#include "api/apps/app_routes.hpp"
#include "api/apps/app_validation.hpp"
#include "api/apps/deployment_routes.hpp"
#include "api/http/json_fields.hpp"
#include "api/http/query_flag.hpp"
#include "core/clock.hpp"

namespace rivetr::api {
namespace {

using store::Role;

constexpr const char* kMask = "********";

nlohmann::json envToJson(const std::vector<store::EnvVar>& vars) {
    auto j = nlohmann::json::array();
    for (const auto& v : vars) {
        j.push_back({{"key", v.key},
                     {"value", v.secret ? kMask : v.value},
                     {"secret", v.secret},
                     {"build_time", v.buildTime},
                     {"updated_at", formatRfc3339(v.updatedAt)}});
    }
    return j;
}

// A secret read back masked can be sent back without its value: the stored one is kept, so
// a form that round-trips the list never overwrites a secret with the mask.
store::EnvVar readVar(const nlohmann::json& item, const std::map<std::string, store::EnvVar>& current) {
    // updated_at is read-only but accepted, so the GET output can be PUT back as it is.
    JsonFields f(item, {"key", "value", "secret", "build_time", "updated_at"}, "vars[].");
    auto key = f.string("key");
    if (!key) throw ValidationError("vars[].key", "is required");
    validateEnvKey(*key);
    store::EnvVar v{*key, "", f.boolean("secret").value_or(false), f.boolean("build_time").value_or(false), 0};
    auto value = f.string("value");
    auto existing = current.find(*key);
    if (value && !(*value == kMask && existing != current.end() && existing->second.secret)) {
        v.value = *value;
    } else if (existing != current.end()) {
        v.value = existing->second.value;
    } else {
        throw ValidationError("env." + *key, "value is required for a new variable");
    }
    if (v.value.size() > 64 * 1024) throw ValidationError("env." + *key, "value is longer than 64 KiB");
    return v;
}

// The new variables, validated against the stored ones; throws ValidationError naming the first bad one.
std::vector<store::EnvVar> readVars(AppsDeps& ctx, const std::string& appId, const std::string& body) {
    auto json = parseJsonObject(body);
    JsonFields f(json, {"vars"});
    const auto* items = f.array("vars");
    if (!items) throw ValidationError("vars", "is required (an array of {key, value, secret, build_time})");
    std::map<std::string, store::EnvVar> current;
    for (auto& v : ctx.env.list(appId)) current[v.key] = v;
    std::vector<store::EnvVar> vars;
    std::set<std::string> seen;
    for (const auto& item : *items) {
        vars.push_back(readVar(item, current));
        if (!seen.insert(vars.back().key).second) throw ValidationError("env." + vars.back().key, "is listed twice");
    }
    return vars;
}

// ?redeploy=true saves and releases in one call: the variables are stored only once the redeploy
// is accepted (Engine::redeploy's beforeQueue), so bad variables or a refused redeploy (409)
// change nothing and start nothing. Answers 202 {vars, deployment_id, status} then.
Reply replaceEnv(AppsDeps& ctx, engine::Engine* engine, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx.apps, req);
    bool redeploy = queryFlag(req, "redeploy");
    auto vars = readVars(ctx, app.id, req.body());
    if (redeploy && !engine) return Reply::error(503, "unavailable", "this server runs no deploy engine");
    auto store = [&] {
        ctx.env.replaceAll(app.id, vars);
        std::vector<std::string> keys;
        for (const auto& v : vars) keys.push_back(v.key);
        ctx.trail.record(rc, "env.replace", "app", app.id, {{"keys", keys}, {"redeploy", redeploy}});
    };
    if (!redeploy) {
        store();
        return Reply::json(200, envToJson(ctx.env.list(app.id)));
    }
    auto started = startRedeploy(ctx, *engine, app, rc, store);
    if (started.refused) return *started.refused;
    started.accepted["vars"] = envToJson(ctx.env.list(app.id));
    return Reply::json(202, started.accepted);
}

Reply deleteVar(AppsDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx.apps, req);
    auto key = req.param(":key").as<std::string>();
    if (!ctx.env.remove(app.id, key)) throw NotFoundError("no variable \"" + key + "\"");
    ctx.trail.record(rc, "env.delete", "app", app.id, {{"key", key}});
    return Reply{204, "", "application/json"};
}

}  // namespace

bool envPending(AppsDeps& ctx, const store::AppRecord& app) {
    if (!app.liveDeploymentId) return false;
    auto live = ctx.deployments.get(*app.liveDeploymentId);
    // A deployment from before env digests were recorded: unknown, so no prompt.
    if (!live || !live->envDigest) return false;
    return *live->envDigest != ctx.env.digest(app.id, ctx.env.list(app.id));
}

std::vector<Route> envRoutes(AppsDeps& ctx, engine::Engine* engine) {
    return {
        {Method::Get, "/api/apps/:id/env", Role::viewer,
         {"List env vars (secrets masked)", "env", "", 200, "EnvList"},
         [&ctx](const auto& req, auto&) { return Reply::json(200, envToJson(ctx.env.list(requireApp(ctx.apps, req).id))); }},
        {Method::Put, "/api/apps/:id/env", Role::developer,
         {"Replace env vars in bulk (masked secrets keep their value). They apply from the next deployment: a restart "
          "does not apply them. With ?redeploy=true they are saved and released at once: 202 {vars, deployment_id, "
          "status} (see POST /api/apps/{id}/redeploy); a 409 from the redeploy stores nothing",
          "env", "EnvInput", 200, "EnvList",
          AlternateResponse{"redeploy", "save, then redeploy the live image with these variables (POST /api/apps/{id}/redeploy)",
                            202, "EnvRedeployAccepted"}},
         [&ctx, engine](const auto& req, auto& rc) { return replaceEnv(ctx, engine, req, rc); }},
        {Method::Delete, "/api/apps/:id/env/:key", Role::developer,
         {"Remove one env var", "env", "", 204, ""},
         [&ctx](const auto& req, auto& rc) { return deleteVar(ctx, req, rc); }},
    };
}

}  // namespace rivetr::api
