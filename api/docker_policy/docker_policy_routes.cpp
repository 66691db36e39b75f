// /api/docker/policy: read (developers and admins) and set (admins, audited) the bind roots non-admins may mount.
#include "api/docker_policy/docker_policy_routes.hpp"

#include <stdexcept>

#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using store::Role;
using Deps = std::shared_ptr<const DockerPolicyDeps>;

json policyJson(const containers::EffectiveDockerPolicy& p) {
    return {{"allowed_bind_roots", p.allowedBindRoots},
            {"source", p.source},
            {"safe_capabilities", containers::safeCapabilities()}};
}

// The body's list: an array of strings, or null to forget the saved list (the config file's applies again).
std::optional<std::vector<std::string>> rootsFrom(const json& body) {
    JsonFields f(body, {"allowed_bind_roots"});
    // Null first: `has` is false for a null value, and null is the documented way to clear.
    if (f.isNull("allowed_bind_roots")) return std::nullopt;
    if (!f.has("allowed_bind_roots")) throw ValidationError("allowed_bind_roots", "is required (a list, or null to use the config file's)");
    const json* list = f.array("allowed_bind_roots");
    if (!list) throw ValidationError("allowed_bind_roots", "must be a list of absolute directories, or null");
    std::vector<std::string> roots;
    for (const auto& item : *list) {
        if (!item.is_string()) throw ValidationError("allowed_bind_roots", "every entry must be a string");
        roots.push_back(item.get<std::string>());
    }
    return roots;
}

Reply update(const Deps& deps, const Pistache::Rest::Request& req, const RequestContext& rc) {
    auto roots = rootsFrom(parseJsonObject(req.body()));
    auto old = deps->policy.current();
    containers::EffectiveDockerPolicy now;
    try {
        now = deps->policy.save(roots, rc.principal ? rc.principal->name : "system");
    } catch (const std::invalid_argument& e) {
        throw ValidationError("allowed_bind_roots", e.what());
    }
    deps->trail.record(rc, "docker.policy_update", "docker_policy", "allowed_bind_roots",
                       {{"old", old.allowedBindRoots}, {"old_source", old.source},
                        {"new", now.allowedBindRoots}, {"new_source", now.source}});
    return Reply::json(200, policyJson(now));
}

}  // namespace

std::vector<Route> dockerPolicyRoutes(std::shared_ptr<const DockerPolicyDeps> deps) {
    return {
        // Developers may read it: they create containers under this policy, and knowing which roots they may
        // bind saves them a 403 by trial; it names directories, no secret. Viewers create nothing: no need.
        {Method::Get, "/api/docker/policy", Role::developer,
         {"The Docker create policy: the host directories non-admins may bind-mount (source: the config file's "
          "[docker] allowed_bind_roots, or an admin's saved list) and the capabilities anyone may add",
          "docker", "", 200, "DockerPolicy"},
         [deps](const auto&, auto&) { return Reply::json(200, policyJson(deps->policy.current())); }},
        {Method::Put, "/api/docker/policy", Role::admin,
         {"Set the bind roots non-admins may mount (absolute, normalised, not /, not the Docker socket or a "
          "directory holding it, no duplicates); null forgets the saved list. Applies to the next create at once",
          "docker", "DockerPolicyInput", 200, "DockerPolicy"},
         [deps](const auto& req, auto& rc) { return update(deps, req, rc); }},
    };
}

}  // namespace rivetr::api
