// The new-app wizard's detection: validated like an app's fields, answered from one fetch of the branch.
#include "api/apps/detect_route.hpp"

#include "api/http/api_errors.hpp"
#include "api/apps/app_json.hpp"
#include "api/apps/app_validation.hpp"
#include "api/http/json_fields.hpp"
#include "core/git/credentials.hpp"

namespace rivetr::api {
namespace {

engine::DetectRequest parseRequest(const std::string& body, const AppRules& rules) {
    auto j = parseJsonObject(body);
    JsonFields f(j, {"git_url", "git_credentials", "branch", "base_dir"});
    if (!f.string("git_url")) throw ValidationError("git_url", "is required");
    store::AppRecord source;  // the same split of URL and credential as an app's
    applyGitSource(f, source);
    engine::DetectRequest r;
    r.gitUrl = source.gitUrl;
    if (source.gitCredential) r.auth = git::passwordAuth(*source.gitCredential);
    if (auto b = f.string("branch")) r.branch = *b;
    if (auto d = f.string("base_dir")) r.baseDir = *d;
    validateGitUrl(r.gitUrl, rules.allowLocalRepositories);
    validateBranch(r.branch);
    validateRelativePath("base_dir", r.baseDir);
    return r;
}

// What a failed fetch tells a non-admin. The fetch runs from this server, so its low-level detail
// ("connection refused", a TLS or HTTP answer, a host key) would let a developer probe internal
// hosts and ports through this route; what the user can fix (URL syntax, branch) keeps its text.
std::string publicReason(const git::SourceError& e) {
    switch (e.kind()) {
        case git::SourceErrorKind::InvalidInput:
        case git::SourceErrorKind::RefNotFound:
        case git::SourceErrorKind::UnsupportedKey:
        case git::SourceErrorKind::Cancelled: return std::string(git::kindName(e.kind())) + ": " + e.what();
        case git::SourceErrorKind::AuthFailed: return "the repository needs credentials, or refused the ones given";
        default: return "cannot reach the repository";
    }
}

Reply detect(AppsDeps& ctx, engine::Engine& engine, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto request = parseRequest(req.body(), ctx.appRules);
    try {
        auto d = engine.detect(request);
        return Reply::json(200, {{"build_type", d.buildType ? nlohmann::json(*d.buildType) : nlohmann::json()},
                                 {"reason", d.reason},
                                 {"port", d.port ? nlohmann::json(*d.port) : nlohmann::json()},
                                 {"commit", d.commit}});
    } catch (const git::SourceError& e) {
        // The user's input (URL, branch, credentials) is what failed: name the field to fix.
        auto field = e.kind() == git::SourceErrorKind::RefNotFound ? "branch" : "git_url";
        bool admin = rc.principal && rc.principal->role >= store::Role::admin;
        throw ValidationError(field, admin ? std::string(git::kindName(e.kind())) + ": " + e.what() : publicReason(e));
    }
}

}  // namespace

std::vector<Route> detectRoutes(AppsDeps& ctx, engine::Engine& engine) {
    return {{Method::Post, "/api/apps/detect", store::Role::developer,
             {"What `auto` would build from a repository {git_url, git_credentials?, branch?, base_dir?}: {build_type|null, "
              "reason, port|null, commit}. A repository that cannot be fetched is a 400 on git_url; only admins see the "
              "low-level reason, others \"cannot reach the repository\"",
              "apps", "DetectInput", 200, "DetectResult"},
             [&ctx, &engine](const auto& req, auto& rc) { return detect(ctx, engine, req, rc); }}};
}

}  // namespace rivetr::api
