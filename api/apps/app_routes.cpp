// The /api/apps routes: list, create, read, update, delete.
#include "api/apps/app_routes.hpp"

#include "api/http/api_errors.hpp"
#include "api/apps/app_json.hpp"
#include "api/apps/env_routes.hpp"
#include "api/http/gzip_encoding.hpp"
#include "api/http/json_fields.hpp"
#include "core/ids.hpp"
#include "core/secrets.hpp"
#include "store/conflict_error.hpp"

namespace rivetr::api {
namespace {

using store::Role;

bool maySeeSecrets(const RequestContext& rc) { return rc.principal && rc.principal->role >= Role::developer; }

// The list is the dashboard's largest answer, so it is the one offered gzipped (cached per version).
Reply listApps(AppsDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    bool secrets = maySeeSecrets(rc);
    auto accept = req.headers().tryGetRaw("Accept-Encoding");
    bool gzip = accept && acceptsGzip(accept->value());
    auto body = ctx.appList.get(
        secrets, ctx.store.appsVersion(),
        [&] {
            auto j = nlohmann::json::array();
            for (const auto& a : ctx.apps.list()) j.push_back(appToJson(a, secrets));
            return j.dump();
        },
        gzip);
    Reply r(200, *body);
    r.gzipped = gzip;
    r.vary = "Accept-Encoding";
    return r;
}

// One app, with whether its env changed since its live deployment started (the Env tab's prompt).
Reply showApp(AppsDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx.apps, req);
    auto j = appToJson(app, maySeeSecrets(rc));
    j["env_pending"] = envPending(ctx, app);
    return Reply::json(200, j);
}

Reply createApp(AppsDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    store::AppRecord app;
    applyAppJson(parseJsonObject(req.body()), app, true, ctx.appRules);
    app.id = newId("app");
    app.webhookSecret = generateToken("whsec_");
    try {
        ctx.apps.create(app);
    } catch (const store::ConflictError& e) {
        // The user gave no domain: "domains is already in use" would not tell them which, or why.
        if (e.field() != "domains" || app.generatedDomain.empty()) throw;
        throw store::ConflictError("domains", "the generated domain \"" + app.generatedDomain +
                                                  "\" is already another app's: give this app its domains");
    }
    ctx.trail.record(rc, "app.create", "app", app.id, {{"name", app.name}});
    return Reply::json(201, appToJson(*ctx.apps.find(app.id), true));
}

Reply updateApp(AppsDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx.apps, req);
    auto body = parseJsonObject(req.body());
    applyAppJson(body, app, false, ctx.appRules);
    ctx.apps.updateSettings(app);
    nlohmann::json changed = nlohmann::json::array();
    for (const auto& [k, v] : body.items()) changed.push_back(k);
    ctx.trail.record(rc, "app.update", "app", app.id, {{"fields", changed}});
    return Reply::json(200, appToJson(*ctx.apps.find(app.id), true));
}

Reply deleteApp(AppsDeps& ctx, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx.apps, req);
    if (ctx.onAppDeleting) ctx.onAppDeleting(app.id);  // containers, routes, caches go first
    ctx.apps.remove(app.id);
    ctx.trail.record(rc, "app.delete", "app", app.id, {{"name", app.name}});
    return Reply{204, "", "application/json"};
}

}  // namespace

store::AppRecord requireApp(store::AppRepository& apps, const Pistache::Rest::Request& req) {
    auto key = req.param(":id").as<std::string>();
    auto app = apps.find(key);
    if (!app) throw NotFoundError("no app \"" + key + "\"");
    return *app;
}

std::vector<Route> appRoutes(AppsDeps& ctx) {
    return {
        {Method::Get, "/api/apps", Role::viewer,
         {"List apps", "apps", "", 200, "AppList"},
         [&ctx](const auto& req, auto& rc) { return listApps(ctx, req, rc); }},
        {Method::Post, "/api/apps", Role::developer,
         {"Create an app (generates its webhook secret)", "apps", "AppInput", 201, "App"},
         [&ctx](const auto& req, auto& rc) { return createApp(ctx, req, rc); }},
        {Method::Get, "/api/apps/:id", Role::viewer,
         {"Show an app by id or name", "apps", "", 200, "App"},
         [&ctx](const auto& req, auto& rc) { return showApp(ctx, req, rc); }},
        {Method::Put, "/api/apps/:id", Role::developer,
         {"Update an app", "apps", "AppInput", 200, "App"},
         [&ctx](const auto& req, auto& rc) { return updateApp(ctx, req, rc); }},
        {Method::Delete, "/api/apps/:id", Role::developer,
         {"Delete an app", "apps", "", 204, ""},
         [&ctx](const auto& req, auto& rc) { return deleteApp(ctx, req, rc); }},
    };
}

}  // namespace rivetr::api
