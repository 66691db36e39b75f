// The /api/apps/{id}/env routes: read with secrets masked, bulk replace, delete one variable.
#include "api/env_routes.hpp"

#include <map>

#include "api/api_errors.hpp"
#include "api/app_routes.hpp"
#include "api/app_validation.hpp"
#include "api/json_fields.hpp"
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

Reply replaceEnv(ApiContext& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx, req);
    auto body = parseJsonObject(req.body());
    JsonFields f(body, {"vars"});
    const auto* items = f.array("vars");
    if (!items) throw ValidationError("vars", "is required (an array of {key, value, secret, build_time})");
    std::map<std::string, store::EnvVar> current;
    for (auto& v : ctx.env.list(app.id)) current[v.key] = v;
    std::vector<store::EnvVar> vars;
    std::set<std::string> seen;
    for (const auto& item : *items) {
        vars.push_back(readVar(item, current));
        if (!seen.insert(vars.back().key).second) throw ValidationError("env." + vars.back().key, "is listed twice");
    }
    ctx.env.replaceAll(app.id, vars);
    ctx.record(rc, "env.replace", "app", app.id, {{"keys", std::vector<std::string>(seen.begin(), seen.end())}});
    return Reply::json(200, envToJson(ctx.env.list(app.id)));
}

Reply deleteVar(ApiContext& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx, req);
    auto key = req.param(":key").as<std::string>();
    if (!ctx.env.remove(app.id, key)) throw NotFoundError("no variable \"" + key + "\"");
    ctx.record(rc, "env.delete", "app", app.id, {{"key", key}});
    return Reply{204, "", "application/json"};
}

}  // namespace

std::vector<Route> envRoutes(ApiContext& ctx) {
    return {
        {Method::Get, "/api/apps/:id/env", Role::viewer,
         [&ctx](const auto& req, auto&) { return Reply::json(200, envToJson(ctx.env.list(requireApp(ctx, req).id))); }},
        {Method::Put, "/api/apps/:id/env", Role::developer,
         [&ctx](const auto& req, auto& rc) { return replaceEnv(ctx, req, rc); }},
        {Method::Delete, "/api/apps/:id/env/:key", Role::developer,
         [&ctx](const auto& req, auto& rc) { return deleteVar(ctx, req, rc); }},
    };
}

}  // namespace rivetr::api
