// The Docker manager's network routes: list, create, inspect, remove, connect, disconnect, prune (dry run first).
#include "api/networks/network_routes.hpp"

#include "api/docker_host/host_query.hpp"
#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/networks/network_json.hpp"
#include "containers/container_error.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using Request = Pistache::Rest::Request;
using store::Role;

std::string networkParam(const Request& req) { return pathParam(req, ":id"); }

// The manager's refusal as the error shape: its status, code, message and field.
template <typename F>
Reply guarded(F f) {
    try {
        return f();
    } catch (const containers::ContainerError& e) {
        return Reply::error(e.status(), e.code(), e.what(), e.field());
    }
}

// An object of strings ("labels", "options"), each value checked.
std::map<std::string, std::string> stringMap(const JsonFields& f, const std::string& name) {
    std::map<std::string, std::string> out;
    if (const auto* o = f.object(name)) {
        for (auto it = o->begin(); it != o->end(); ++it) {
            if (!it->is_string()) throw ValidationError(name + "." + it.key(), name + " values must be strings");
            out[it.key()] = it->get<std::string>();
        }
    } else if (f.has(name) && !f.isNull(name)) {
        throw ValidationError(name, name + " must be an object of strings");
    }
    return out;
}

runtime::NetworkSpec specFrom(const std::string& body) {
    auto obj = parseJsonObject(body);
    JsonFields f(obj, {"name", "driver", "subnet", "gateway", "ip_range", "internal", "attachable", "labels", "options"});
    runtime::NetworkSpec s;
    s.name = f.string("name").value_or("");
    s.driver = f.string("driver").value_or("bridge");
    s.subnet = f.string("subnet").value_or("");
    s.gateway = f.string("gateway").value_or("");
    s.ipRange = f.string("ip_range").value_or("");
    s.internal = f.boolean("internal").value_or(false);
    s.attachable = f.boolean("attachable").value_or(false);
    s.labels = stringMap(f, "labels");
    s.options = stringMap(f, "options");
    return s;
}

std::vector<std::string> strings(const JsonFields& f, const std::string& name) {
    std::vector<std::string> out;
    if (const auto* a = f.array(name))
        for (const auto& v : *a) {
            if (!v.is_string()) throw ValidationError(name, name + " must be strings");
            out.push_back(v.get<std::string>());
        }
    return out;
}

networks::NetworkFilter filterFrom(const Request& req) {
    networks::NetworkFilter f{queryText(req, "driver"), {}, queryText(req, "search")};
    addLabelQuery(req, f.labels);
    return f;
}

Reply list(NetworksDeps& d, const Request& req) {
    auto host = hostOf(req);
    auto found = d.manager.listAcross(host, filterFrom(req));
    json out = json::array(), unreachable = json::array();
    for (const auto& [id, entries] : found.answers)
        for (const auto& e : entries) out.push_back(networkJson(e));
    for (const auto& u : found.unreachable) unreachable.push_back({{"host", u.host}, {"error", u.error}});
    return Reply::json(200, {{"host", host.empty() ? hosts::kLocalHost : host}, {"networks", out}, {"unreachable", unreachable}});
}

Reply create(NetworksDeps& d, const Request& req, RequestContext& rc) {
    auto spec = specFrom(req.body());
    auto host = hostOf(req);
    auto e = d.manager.create(host, spec, rc.role());
    d.trail.record(rc, "network.create", "network", e.info.name,
                   {{"host", e.host}, {"id", e.info.id}, {"driver", spec.driver}, {"subnet", spec.subnet}});
    return Reply::json(201, networkJson(e));
}

Reply remove(NetworksDeps& d, const Request& req, RequestContext& rc) {
    auto e = d.manager.remove(hostOf(req), networkParam(req));
    d.trail.record(rc, "network.remove", "network", e.info.name, {{"host", e.host}, {"id", e.info.id}});
    return Reply::json(200, {{"id", e.info.id}, {"name", e.info.name}, {"removed", true}});
}

Reply connect(NetworksDeps& d, const Request& req, RequestContext& rc) {
    auto obj = parseJsonObject(req.body());
    JsonFields f(obj, {"container", "aliases", "ipv4_address"});
    runtime::EndpointSettings endpoint{strings(f, "aliases"), f.string("ipv4_address").value_or(""), ""};
    auto container = f.string("container").value_or("");
    auto out = d.manager.connect(hostOf(req), networkParam(req), container, endpoint);
    d.trail.record(rc, "network.connect", "network", out.network.info.name,
                   {{"host", out.network.host}, {"container", container}, {"aliases", endpoint.aliases},
                    {"ipv4_address", endpoint.ipv4Address}});
    return Reply::json(200, {{"network", networkJson(out.network)}, {"warning", out.warning.empty() ? json(nullptr) : json(out.warning)}});
}

Reply disconnect(NetworksDeps& d, const Request& req, RequestContext& rc) {
    auto obj = parseJsonObject(req.body());
    JsonFields f(obj, {"container", "force"});
    auto container = f.string("container").value_or("");
    bool force = f.boolean("force").value_or(false);
    auto e = d.manager.disconnect(hostOf(req), networkParam(req), container, force);
    d.trail.record(rc, "network.disconnect", "network", e.info.name, {{"host", e.host}, {"container", container}, {"force", force}});
    return Reply::json(200, networkJson(e));
}

// Without "dry_run": false only the plan; executed, it removes exactly the `networks` ids the user confirmed.
Reply prune(NetworksDeps& d, const Request& req, RequestContext& rc) {
    auto obj = req.body().empty() ? json::object() : parseJsonObject(req.body());
    JsonFields f(obj, {"dry_run", "networks"});
    bool dryRun = f.boolean("dry_run").value_or(true);
    auto host = hostOf(req);
    if (dryRun) return Reply::json(200, networkPruneJson(d.manager.planPrune(host), true));
    auto outcomes = d.manager.prune(host, strings(f, "networks"));
    json removed = json::array(), refused = json::array();
    for (const auto& o : outcomes) (o.removed ? removed : refused).push_back(o.id);
    d.trail.record(rc, "network.prune", "host", host.empty() ? hosts::kLocalHost : host, {{"removed", removed}, {"refused", refused}});
    return Reply::json(200, networkPruneJson({}, false, outcomes));
}

}  // namespace

std::vector<Route> networkRoutes(std::shared_ptr<NetworksDeps> deps) {
    auto keep = [deps](auto f) {
        return [deps, f](const Request& req, RequestContext& rc) { return guarded([&] { return f(*deps, req, rc); }); };
    };
    auto read = [keep](Reply (*f)(NetworksDeps&, const Request&)) {
        return keep([f](NetworksDeps& d, const Request& req, RequestContext&) { return f(d, req); });
    };
    return {
        {Method::Get, "/api/networks", Role::viewer,
         {"Every network on a host (?host=, default the local engine; * every host at once, an unreachable one listed in "
          "`unreachable`) with its subnets, gateway and attached containers (their addresses and aliases); "
          "?driver=, ?label=key[=value], ?search= (name or id) narrow it",
          "networks", "", 200, "NetworkList"},
         read(list)},
        {Method::Post, "/api/networks", Role::developer,
         {"Create a bridge or macvlan network (?host=). Every field is checked before the engine is asked (400 naming it); "
          "an overlapping subnet is a 409 with the engine's reason; macvlan and host-level driver options are for admins (403)",
          "networks", "NetworkCreateInput", 201, "Network"},
         keep(create)},
        {Method::Get, "/api/networks/:id", Role::viewer,
         {"A network ({id}: its id, a prefix of it, or its name; ?host=) with its containers and their addresses",
          "networks", "", 200, "Network"},
         keep([](NetworksDeps& d, const Request& req, RequestContext&) { return Reply::json(200, networkJson(d.manager.inspect(hostOf(req), networkParam(req)))); })},
        {Method::Delete, "/api/networks/:id", Role::developer,
         {"Remove a network (?host=). Refused (409) while containers are attached, naming them, and always for the "
          "engine's own networks (bridge, host, none) and for an app's or Rivetr's own",
          "networks", "", 200, "NetworkRemoval"},
         keep(remove)},
        {Method::Post, "/api/networks/:id/connect", Role::developer,
         {"Connect a container (?host=), with aliases and a fixed IPv4 address inside the network's subnet. An app's "
          "container may join (the answer warns that its next deploy leaves the network)",
          "networks", "NetworkConnectInput", 200, "NetworkConnectResult"},
         keep(connect)},
        {Method::Post, "/api/networks/:id/disconnect", Role::developer,
         {"Disconnect a container (?host=; force clears a stale endpoint). Refused (409) for an app's container, whose "
          "networks change only with its deployments",
          "networks", "NetworkDisconnectInput", 200, "Network"},
         keep(disconnect)},
        {Method::Post, "/api/networks/prune", Role::developer,
         {"Prune networks (?host=): by default a dry run listing the unused networks users made (never the engine's, an "
          "app's or Rivetr's); with \"dry_run\": false it removes exactly the `networks` ids given, if still unused",
          "networks", "NetworkPruneInput", 200, "NetworkPrune"},
         keep(prune)},
    };
}

}  // namespace rivetr::api
