// The Docker manager's volume routes: list (every host), create under the policy, inspect, remove (refused while in use), prune (dry run first).
#include "api/volumes/volume_routes.hpp"

#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/http/query_flag.hpp"
#include "api/docker_host/engine_failure.hpp"
#include "api/docker_host/host_query.hpp"
#include "api/volumes/volume_json.hpp"

namespace rivetr::api {
namespace {

using containers::ContainerError;
using nlohmann::json;
using Request = Pistache::Rest::Request;
using store::Role;
using Deps = std::shared_ptr<VolumesDeps>;

std::string nameOf(const Request& req) { return pathParam(req, ":name"); }

// The manager's refusals in the error shape (an in-use refusal names the containers in `containers`
// too), then the host's and the engine's through onHost.
template <typename F>
Reply answered(const std::string& host, F f) {
    return onHost(host, "name", [&]() -> Reply {
        try {
            return f();
        } catch (const volumes::VolumeInUse& e) {
            Reply r = Reply::error(e.status(), e.code(), e.what(), e.field());
            json body = json::parse(r.body);
            body["error"]["containers"] = volumeUsersJson(e.users());
            return Reply::json(e.status(), body);
        } catch (const ContainerError& e) {
            return Reply::error(e.status(), e.code(), e.what(), e.field());
        }
    });
}

volumes::VolumeFilter filterOf(const Request& req) {
    volumes::VolumeFilter f;
    f.driver = queryText(req, "driver");
    addLabelQuery(req, f.labels);
    // ?dangling= and ?unused= say the same (Docker's word and the dashboard's).
    for (const char* key : {"dangling", "unused"})
        if (req.query().has(key)) f.dangling = queryFlag(req, key);
    f.app = queryText(req, "app");
    f.stack = queryText(req, "stack");
    f.search = queryText(req, "search");
    return f;
}

Reply list(const Deps& d, const Request& req) {
    auto host = hostOf(req);
    auto filter = filterOf(req);
    return answered(host, [&] {
        auto found = d->manager.list(host, filter);
        json rows = json::array(), unreachable = json::array();
        for (const auto& [id, entries] : found.answers)
            for (const auto& e : entries) rows.push_back(volumeJson(e, id));
        for (const auto& u : found.unreachable) unreachable.push_back({{"host", u.host}, {"error", u.error}});
        return Reply::json(200, {{"host", hostLabel(host)}, {"volumes", rows}, {"unreachable", unreachable}});
    });
}

std::map<std::string, std::string> stringMap(const JsonFields& f, const std::string& name) {
    std::map<std::string, std::string> out;
    if (const auto* obj = f.object(name))
        for (auto it = obj->begin(); it != obj->end(); ++it) {
            if (!it->is_string()) throw ValidationError(name + "." + it.key(), "values must be strings");
            out[it.key()] = it->get<std::string>();
        }
    return out;
}

runtime::VolumeSpec specOf(const std::string& body) {
    auto obj = parseJsonObject(body);
    JsonFields f(obj, {"name", "driver", "labels", "driver_opts"});
    runtime::VolumeSpec spec;
    spec.name = f.string("name").value_or("");
    if (spec.name.empty()) throw ValidationError("name", "name is required");
    spec.driver = f.string("driver").value_or("local");
    spec.labels = stringMap(f, "labels");
    spec.driverOpts = stringMap(f, "driver_opts");
    return spec;
}

Reply create(const Deps& d, const Request& req, RequestContext& rc) {
    auto spec = specOf(req.body());
    auto host = hostOf(req);
    // Option keys only: a driver's options can carry credentials (cifs's o=...,password=...).
    json optionKeys = json::array();
    for (const auto& kv : spec.driverOpts) optionKeys.push_back(kv.first);
    json details{{"host", hostLabel(host)}, {"driver", spec.driver}, {"driver_opts", optionKeys}};
    return answered(host, [&] {
        volumes::CreatedVolume out;
        try {
            out = d->manager.create(host, spec, rc.role());
        } catch (const ContainerError& e) {
            // A refused bind in disguise is audited too: who tried which host path.
            if (e.status() == 403) d->trail.record(rc, "volume.create_denied", "volume", spec.name, {{"host", hostLabel(host)}, {"rule", e.what()}});
            throw;
        }
        json dangerous = json::array();
        for (const auto& f : out.dangerous) dangerous.push_back(f.toJson());
        details["dangerous"] = dangerous;
        d->trail.record(rc, "volume.create", "volume", spec.name, details);
        volumes::VolumeEntry entry;
        entry.volume = out.volume;
        return Reply::json(201, {{"volume", volumeJson(entry, hostLabel(host))}, {"dangerous", dangerous}});
    });
}

Reply show(const Deps& d, const Request& req) {
    auto host = hostOf(req);
    return answered(host, [&] {
        auto detail = d->manager.inspect(host, nameOf(req));
        return Reply::json(200, {{"host", hostLabel(host)}, {"volume", volumeJson(detail.entry, hostLabel(host))}, {"inspect", detail.engine}});
    });
}

Reply remove(const Deps& d, const Request& req, RequestContext& rc) {
    auto host = hostOf(req);
    auto name = nameOf(req);
    bool force = queryFlag(req, "force");
    return answered(host, [&] {
        auto gone = d->manager.remove(host, name, force);
        d->trail.record(rc, "volume.remove", "volume", name, {{"host", hostLabel(host)}, {"force", force}, {"driver", gone.volume.driver}});
        return Reply::json(200, {{"host", hostLabel(host)}, {"name", name}, {"removed", true}});
    });
}

// No body and no ?yes: the dry run. {"confirm": [names]} removes those of them still unused; ?yes=1
// alone removes what a fresh plan lists (the CLI's --yes, after it has shown that plan).
Reply prune(const Deps& d, const Request& req, RequestContext& rc) {
    auto obj = req.body().empty() ? json::object() : parseJsonObject(req.body());
    JsonFields f(obj, {"confirm"});
    std::optional<std::set<std::string>> confirmed;
    if (const auto* names = f.array("confirm")) {
        confirmed.emplace();
        for (const auto& n : *names) {
            if (!n.is_string()) throw ValidationError("confirm", "confirm lists volume names (strings)");
            confirmed->insert(n.get<std::string>());
        }
    }
    bool execute = confirmed.has_value() || queryFlag(req, "yes");
    auto host = hostOf(req);
    return answered(host, [&] {
        if (!execute) return Reply::json(200, volumePruneJson(hostLabel(host), d->manager.planPrune(host), true));
        auto report = d->manager.prune(host, confirmed);
        json removed = json::array(), refused = json::array();
        for (const auto& o : report.outcomes) (o.removed ? removed : refused).push_back(o.name);
        d->trail.record(rc, "volume.prune", "host", hostLabel(host), {{"removed", removed}, {"refused", refused}});
        return Reply::json(200, volumePruneJson(hostLabel(host), report.plan, false, report.outcomes));
    });
}

}  // namespace

std::vector<Route> volumeRoutes(std::shared_ptr<VolumesDeps> deps) {
    auto keep = [deps](auto f) { return [deps, f](const Request& req, RequestContext& rc) { return f(deps, req, rc); }; };
    auto reading = [deps](auto f) { return [deps, f](const Request& req, RequestContext&) { return f(deps, req); }; };
    return {
        {Method::Get, "/api/volumes", Role::viewer,
         {"Every volume on a host (?host=, default the local engine; * every host at once, an unreachable one listed in "
          "`unreachable`) with its driver, labels, the containers that mount it, its owning app or stack and its size "
          "(null where the engine did not measure it). Filters: ?driver=, ?label=key[=value], ?dangling=true|false "
          "(also ?unused=), ?app= (id or name), ?stack=, ?search= (part of the name)",
          "volumes", "", 200, "VolumeList"},
         reading(list)},
        {Method::Post, "/api/volumes", Role::developer,
         {"Create a volume (?host=). The name follows Docker's rule; driver options that bind a host path "
          "(type=none, o=bind, device=/...) are judged by the container create policy (outside [docker] "
          "allowed_bind_roots: admins only, audited)",
          "volumes", "VolumeCreateInput", 201, "VolumeCreated"},
         keep(create)},
        {Method::Get, "/api/volumes/:name", Role::viewer,
         {"A volume (?host=): the engine's inspect document, the containers that mount it (target, read-only), its "
          "owning app and its size",
          "volumes", "", 200, "VolumeDetail"},
         reading(show)},
        {Method::Delete, "/api/volumes/:name", Role::developer,
         {"Remove a volume (?host=). Refused (409 volume_in_use, naming the containers in error.containers) while any "
          "container mounts it, even with ?force=1 (which only lets a driver's failure pass); refused (409 app_volume) "
          "for a Rivetr app's volume",
          "volumes", "", 200, "VolumeRemoval"},
         keep(remove)},
        {Method::Post, "/api/volumes/prune", Role::developer,
         {"Prune unused volumes (?host=): by default a dry run listing what would go and what stays (an app's); "
          "{\"confirm\": [names]} removes exactly those still unused, ?yes=1 what a fresh plan lists; never forced, "
          "so a volume a container mounted meanwhile stays",
          "volumes", "VolumePruneInput", 200, "VolumePrune"},
         keep(prune)},
    };
}

}  // namespace rivetr::api
