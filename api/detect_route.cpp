// The new-app wizard's detection: validated like an app's fields, answered from one fetch of the branch.
#include "api/detect_route.hpp"

#include "api/api_errors.hpp"
#include "api/app_validation.hpp"
#include "api/json_fields.hpp"

namespace rivetr::api {
namespace {

engine::DetectRequest parseRequest(const std::string& body) {
    auto j = parseJsonObject(body);
    JsonFields f(j, {"git_url", "branch", "base_dir"});
    engine::DetectRequest r;
    auto url = f.string("git_url");
    if (!url) throw ValidationError("git_url", "is required");
    r.gitUrl = *url;
    if (auto b = f.string("branch")) r.branch = *b;
    if (auto d = f.string("base_dir")) r.baseDir = *d;
    validateGitUrl(r.gitUrl);
    validateBranch(r.branch);
    validateRelativePath("base_dir", r.baseDir);
    return r;
}

Reply detect(engine::Engine& engine, const Pistache::Rest::Request& req) {
    auto request = parseRequest(req.body());
    try {
        auto d = engine.detect(request);
        return Reply::json(200, {{"build_type", d.buildType ? nlohmann::json(*d.buildType) : nlohmann::json()},
                                 {"reason", d.reason},
                                 {"port", d.port ? nlohmann::json(*d.port) : nlohmann::json()},
                                 {"commit", d.commit}});
    } catch (const git::SourceError& e) {
        // The user's input (URL, branch, credentials) is what failed: name the field to fix.
        auto field = e.kind() == git::SourceErrorKind::RefNotFound ? "branch" : "git_url";
        throw ValidationError(field, std::string(git::kindName(e.kind())) + ": " + e.what());
    }
}

}  // namespace

std::vector<Route> detectRoutes(engine::Engine& engine) {
    return {{Method::Post, "/api/apps/detect", store::Role::developer,
             [&engine](const auto& req, auto&) { return detect(engine, req); }}};
}

}  // namespace rivetr::api
