// Deployment routes: deploy or redeploy an app, list and read deployments, their logs, cancel and roll back.
#include "api/apps/deployment_routes.hpp"

#include <regex>

#include "api/http/api_errors.hpp"
#include "api/apps/app_routes.hpp"
#include "api/http/json_fields.hpp"
#include "api/http/query_flag.hpp"
#include "core/clock.hpp"

namespace rivetr::api {
namespace {

using store::Role;

nlohmann::json opt(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }
nlohmann::json optTime(const std::optional<std::int64_t>& t) {
    return t ? nlohmann::json(formatRfc3339(*t)) : nlohmann::json();
}

store::DeploymentRecord requireDeployment(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    auto id = req.param(":id").as<std::string>();
    auto d = ctx.deployments.get(id);
    if (!d) throw NotFoundError("no deployment \"" + id + "\"");
    return *d;
}

Reply deploy(AppsDeps& ctx, engine::Engine& engine, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx.apps, req);
    engine::DeployRequest dr;
    if (!req.body().empty()) {
        auto body = parseJsonObject(req.body());
        JsonFields f(body, {"commit"});
        if (auto c = f.string("commit")) {
            static const std::regex ref(R"(^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$)");
            if (!std::regex_match(*c, ref) || c->find("..") != std::string::npos) {
                throw ValidationError("commit", "must be a commit SHA, tag or branch name");
            }
            dr.commit = *c;
        }
    }
    dr.trigger = rc.principal && rc.principal->actorType == "token" ? "api" : "manual";
    auto id = engine.deploy(app.id, dr);
    ctx.trail.record(rc, "deployment.create", "app", app.id, {{"deployment_id", id}, {"commit", opt(dr.commit)}});
    return Reply::json(202, {{"deployment_id", id}, {"status", "pending"}});
}

Reply listDeployments(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    auto app = requireApp(ctx.apps, req);
    auto j = nlohmann::json::array();
    RollbackAvailability rollback(ctx.live.runtime);
    for (const auto& d : ctx.deployments.listForApp(app.id, 100)) {
        auto item = deploymentToJson(d, &rollback);
        item["live"] = app.liveDeploymentId == d.id;
        j.push_back(item);
    }
    return Reply::json(200, j);
}

// ?latest_per_app=1: the newest deployment of each app (the apps list's statuses in one request);
// otherwise the ?limit (1-200, default 20) newest across all apps.
Reply listAllDeployments(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    const auto& q = req.query();
    std::vector<store::DeploymentRecord> list;
    if (queryFlag(req, "latest_per_app")) {
        list = ctx.deployments.latestPerApp();
    } else {
        int limit = 20;
        if (auto l = q.get("limit")) {
            static const std::regex digits("^[0-9]{1,3}$");
            if (!std::regex_match(*l, digits) || std::stoi(*l) < 1 || std::stoi(*l) > 200) {
                throw ValidationError("limit", "must be a number from 1 to 200");
            }
            limit = std::stoi(*l);
        }
        list = ctx.deployments.recent(limit);
    }
    auto j = nlohmann::json::array();
    RollbackAvailability rollback(ctx.live.runtime);
    for (const auto& d : list) j.push_back(deploymentToJson(d, &rollback));
    return Reply::json(200, {{"deployments", j}});
}

Reply getDeployment(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    RollbackAvailability rollback(ctx.live.runtime);
    return Reply::json(200, deploymentToJson(requireDeployment(ctx, req), &rollback));
}

Reply logs(AppsDeps& ctx, const Pistache::Rest::Request& req) {
    auto d = requireDeployment(ctx, req);
    std::int64_t after = 0;
    if (auto a = req.query().get("after")) {
        try {
            after = std::stoll(*a);
        } catch (const std::exception&) {
            throw ValidationError("after", "must be a log line id");
        }
    }
    auto j = nlohmann::json::array();
    for (const auto& l : ctx.deployments.logs(d.id, after, 5000)) {
        j.push_back({{"id", l.id}, {"ts", formatRfc3339(l.ts)}, {"stream", l.stream}, {"line", l.line}});
    }
    return Reply::json(200, {{"deployment_id", d.id}, {"status", d.status}, {"lines", j}});
}

Reply redeploy(AppsDeps& ctx, engine::Engine& engine, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto app = requireApp(ctx.apps, req);
    if (!req.body().empty()) {
        auto body = parseJsonObject(req.body());
        JsonFields none(body, {});  // it takes no options: an unknown field is a 400
    }
    auto started = startRedeploy(ctx, engine, app, rc);
    return started.refused ? *started.refused : Reply::json(202, started.accepted);
}

Reply rollback(AppsDeps& ctx, engine::Engine& engine, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto d = requireDeployment(ctx, req);
    if (!d.image) throw ValidationError("id", "deployment " + d.id + " never built an image to roll back to");
    if (auto why = RollbackAvailability(ctx.live.runtime).refusal(d)) return Reply::error(409, "not_rollbackable", *why);
    auto id = engine.rollback(d.id);
    ctx.trail.record(rc, "deployment.rollback", "app", d.appId, {{"deployment_id", id}, {"rollback_of", d.id}});
    return Reply::json(202, {{"deployment_id", id}, {"status", "pending"}});
}

Reply cancel(AppsDeps& ctx, engine::Engine& engine, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto d = requireDeployment(ctx, req);
    if (!engine.cancel(d.id)) {
        return Reply::error(409, "not_cancellable", "deployment " + d.id + " is " + d.status + ", not in progress");
    }
    ctx.trail.record(rc, "deployment.cancel", "app", d.appId, {{"deployment_id", d.id}});
    return Reply::json(202, {{"deployment_id", d.id}, {"status", "cancelling"}});
}

}  // namespace

RedeployStart startRedeploy(AppsDeps& ctx, engine::Engine& engine, const store::AppRecord& app,
                            const RequestContext& rc, const std::function<void()>& beforeQueue) {
    try {
        auto id = engine.redeploy(app.id, beforeQueue);
        ctx.trail.record(rc, "deployment.redeploy", "app", app.id, {{"deployment_id", id}});
        return {{{"deployment_id", id}, {"status", "pending"}}, std::nullopt};
    } catch (const engine::RedeployRefused& e) {
        return {nullptr, Reply::error(409, e.code(), e.what())};
    }
}

nlohmann::json deploymentToJson(const store::DeploymentRecord& d, RollbackAvailability* rollback) {
    nlohmann::json j{{"id", d.id},
            {"app_id", d.appId},
            {"status", d.status},
            {"trigger", d.trigger},
            {"requested_commit", opt(d.requestedCommit)},
            {"commit_sha", opt(d.commitSha)},
            {"commit_message", opt(d.commitMessage)},
            {"commit_author", opt(d.commitAuthor)},
            {"image", opt(d.image)},
            {"rollback_of", opt(d.rollbackOf)},
            {"error", opt(d.error)},
            {"created_at", formatRfc3339(d.createdAt)},
            {"started_at", optTime(d.startedAt)},
            {"finished_at", optTime(d.finishedAt)}};
    if (rollback) j["rollback_available"] = rollback->available(d);
    return j;
}

std::vector<Route> deploymentRoutes(AppsDeps& ctx, engine::Engine& engine) {
    return {
        {Method::Post, "/api/apps/:id/deploy", Role::developer,
         {"Queue a deployment (optionally of one commit)", "deployments",
          "DeployRequest", 202, "DeploymentAccepted"},
         [&ctx, &engine](const auto& req, auto& rc) { return deploy(ctx, engine, req, rc); }},
        {Method::Post, "/api/apps/:id/redeploy", Role::developer,
         {"A new release of the live deployment's image with the app's current env and settings (no clone, no "
          "build; trigger `redeploy`, rollback_of the live one), health-gated like a deploy: a failing check keeps "
          "the live one. It waits behind a running deployment and then runs the image that went live. 409 "
          "`no_live_deployment` when nothing is live, `image_removed` when the live image was removed (deploy to "
          "rebuild)",
          "deployments", "", 202, "DeploymentAccepted"},
         [&ctx, &engine](const auto& req, auto& rc) { return redeploy(ctx, engine, req, rc); }},
        {Method::Get, "/api/apps/:id/deployments", Role::viewer,
         {"List an app's deployments, newest first", "deployments", "", 200,
          "AppDeploymentList"},
         [&ctx](const auto& req, auto&) { return listDeployments(ctx, req); }},
        {Method::Get, "/api/deployments", Role::viewer,
         {"Newest deployments across apps (?limit=1-200, default 20), or each app's newest (?latest_per_app=1)",
          "deployments", "", 200, "DeploymentPage"},
         [&ctx](const auto& req, auto&) { return listAllDeployments(ctx, req); }},
        {Method::Get, "/api/deployments/:id", Role::viewer,
         {"Show a deployment", "deployments", "", 200, "Deployment"},
         [&ctx](const auto& req, auto&) { return getDeployment(ctx, req); }},
        {Method::Get, "/api/deployments/:id/logs", Role::viewer,
         {"Stored log lines of a deployment (?after=N)", "deployments", "", 200,
          "DeploymentLogs"},
         [&ctx](const auto& req, auto&) { return logs(ctx, req); }},
        {Method::Post, "/api/deployments/:id/rollback", Role::developer,
         {"Redeploy this deployment's kept image (no rebuild). Only a deployment whose `rollback_available` is true: "
          "one that never passed its health check, or whose image was pruned, is a 409 `not_rollbackable` saying which",
          "deployments", "", 202, "DeploymentAccepted"},
         [&ctx, &engine](const auto& req, auto& rc) { return rollback(ctx, engine, req, rc); }},
        {Method::Post, "/api/deployments/:id/cancel", Role::developer,
         {"Cancel a queued or running deployment", "deployments", "", 202,
          "DeploymentAccepted"},
         [&ctx, &engine](const auto& req, auto& rc) { return cancel(ctx, engine, req, rc); }},
    };
}

}  // namespace rivetr::api
