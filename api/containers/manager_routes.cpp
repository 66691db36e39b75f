// The Docker manager's container routes: every container of a host listed, inspected, created, cloned, edited, acted on.
#include "api/containers/manager_routes.hpp"

#include "api/apps/container_log_lines.hpp"
#include "api/apps/container_log_stream.hpp"
#include "api/containers/container_json.hpp"
#include "api/containers/docker_event_stream.hpp"
#include "api/docker_host/host_query.hpp"
#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/http/query_flag.hpp"
#include "containers/container_error.hpp"
#include "core/parse_int.hpp"
#include "core/percent_encoding.hpp"

namespace rivetr::api {
namespace {

using containers::ContainerAction;
using containers::ContainerError;
using nlohmann::json;
using store::Role;
using Deps = std::shared_ptr<ContainersDeps>;
using Request = Pistache::Rest::Request;

// A query value as the client meant it: Pistache hands it over still percent-encoded.
std::optional<std::string> query(const Request& req, const std::string& name) {
    auto v = req.query().get(name);
    if (!v) return std::nullopt;
    return percentDecode(*v);
}

std::string id(const Request& req) { return req.param(":id").as<std::string>(); }

// A manager refusal as the error shape: its status, code, message and field.
template <typename Fn>
Reply guarded(Fn&& fn) {
    try {
        return fn();
    } catch (const ContainerError& e) {
        return Reply::error(e.status(), e.code(), e.what(), e.field());
    }
}

int boundedNumber(const Request& req, const std::string& name, int fallback, int lo, int hi) {
    auto v = req.query().get(name);
    if (!v) return fallback;
    auto n = parseInt(*v);
    if (!n || *n < lo || *n > hi) throw ValidationError(name, "must be a number from " + std::to_string(lo) + " to " + std::to_string(hi));
    return *n;
}

json details(const Request& req, json extra = json::object()) {
    extra["host"] = hostLabel(hostOf(req));
    return extra;
}

Reply list(const Deps& d, const Request& req) {
    containers::ListQuery q;
    q.host = hostOf(req);
    q.engine.all = !req.query().has("all") || queryFlag(req, "all");
    auto one = [&](const char* key, std::vector<std::string>& into) {
        if (auto v = query(req, key); v && !v->empty()) into.push_back(*v);
    };
    one("state", q.engine.states);
    one("name", q.engine.names);
    one("image", q.engine.images);
    addLabelQuery(req, q.engine.labels);
    q.app = query(req, "app").value_or("");
    q.search = query(req, "search").value_or("");
    auto result = d->manager.list(q);
    json rows = json::array(), unreachable = json::array();
    for (const auto& r : result.rows) rows.push_back(toJson(r));
    for (const auto& [h, why] : result.unreachable) unreachable.push_back({{"host", h}, {"error", why}});
    return Reply::json(200, {{"containers", rows}, {"unreachable", unreachable}});
}

Reply show(const Deps& d, const Request& req) {
    json doc = d->manager.inspect(hostOf(req), id(req));
    json app = doc["rivetr"]["app_id"].is_null() ? json(nullptr) : json{{"id", doc["rivetr"]["app_id"]}, {"name", doc["rivetr"]["app_name"]}};
    doc.erase("rivetr");
    json config = containers::toApiJson(d->manager.config(hostOf(req), id(req)));
    return Reply::json(200, {{"host", hostLabel(hostOf(req))}, {"app", app}, {"config", config}, {"inspect", doc},
                            {"terminal_enabled", d->terminalEnabled}});
}

// A refused create/clone/edit is audited too: who tried which dangerous setting.
template <typename Fn>
Reply created(const Deps& d, const Request& req, RequestContext& rc, const std::string& action, const std::string& target, Fn&& fn) {
    try {
        containers::CreateOutcome out = fn();
        json extra = toJson(out);
        d->trail.record(rc, "container." + action, "container", out.id, details(req, {{"name", out.name}, {"source", target}, {"dangerous", extra["dangerous"]}}));
        return Reply::json(action == "edit" ? 200 : 201, extra);
    } catch (const ContainerError& e) {
        if (e.status() == 403)
            d->trail.record(rc, "container." + action + "_denied", "container", target, details(req, {{"field", e.field()}, {"rule", e.what()}}));
        throw;
    }
}

Reply create(const Deps& d, const Request& req, RequestContext& rc) {
    json body = parseJsonObject(req.body());
    bool start = true;
    if (body.contains("start")) {
        if (!body["start"].is_boolean()) throw ValidationError("start", "start must be true or false");
        start = body["start"].get<bool>();
        body.erase("start");
    }
    auto config = containers::parseContainerConfig(body);
    return created(d, req, rc, "create", config.name, [&] { return d->manager.create(hostOf(req), config, rc.role(), start); });
}

Reply clone(const Deps& d, const Request& req, RequestContext& rc) {
    json body = parseJsonObject(req.body());
    JsonFields f(body, {"name", "start"});
    auto name = f.string("name");
    if (!name) throw ValidationError("name", "the clone's name is required");
    return created(d, req, rc, "clone", id(req),
                   [&] { return d->manager.clone(hostOf(req), id(req), *name, rc.role(), f.boolean("start").value_or(false)); });
}

Reply edit(const Deps& d, const Request& req, RequestContext& rc) {
    json patch = parseJsonObject(req.body());
    return created(d, req, rc, "edit", id(req), [&] { return d->manager.edit(hostOf(req), id(req), patch, rc.role()); });
}

Reply rename(const Deps& d, const Request& req, RequestContext& rc) {
    json body = parseJsonObject(req.body());
    auto name = JsonFields(body, {"name"}).string("name");
    if (!name) throw ValidationError("name", "the new name is required");
    d->manager.rename(hostOf(req), id(req), *name);
    d->trail.record(rc, "container.rename", "container", id(req), details(req, {{"name", *name}}));
    return Reply::json(200, {{"id", id(req)}, {"name", *name}});
}

containers::ActionOptions actionOptions(const Request& req) {
    containers::ActionOptions o;
    o.grace = std::chrono::seconds(boundedNumber(req, "grace", 10, 0, 3600));
    if (auto s = query(req, "signal")) o.signal = *s;
    o.force = req.query().has("force") && queryFlag(req, "force");
    o.volumes = req.query().has("volumes") && queryFlag(req, "volumes");
    return o;
}

Reply act(const Deps& d, const Request& req, RequestContext& rc, ContainerAction action) {
    d->manager.act(hostOf(req), id(req), action, actionOptions(req));
    d->trail.record(rc, std::string("container.") + containers::actionName(action), "container", id(req), details(req));
    return Reply::json(200, {{"id", id(req)}, {"action", containers::actionName(action)}});
}

const std::map<std::string, ContainerAction>& bulkActions() {
    static const std::map<std::string, ContainerAction> m{
        {"start", ContainerAction::Start}, {"stop", ContainerAction::Stop},       {"restart", ContainerAction::Restart},
        {"pause", ContainerAction::Pause}, {"unpause", ContainerAction::Unpause}, {"kill", ContainerAction::Kill},
        {"remove", ContainerAction::Remove}};
    return m;
}

Reply bulk(const Deps& d, const Request& req, RequestContext& rc) {
    json body = parseJsonObject(req.body());
    JsonFields f(body, {"action", "ids", "grace", "force", "volumes", "signal"});
    auto action = bulkActions().find(f.string("action").value_or(""));
    if (action == bulkActions().end()) throw ValidationError("action", "action must be start, stop, restart, pause, unpause, kill or remove");
    const json* ids = f.array("ids");
    if (!ids) throw ValidationError("ids", "ids must be an array of container ids or names");
    std::vector<std::string> list;
    for (const auto& i : *ids) {
        if (!i.is_string()) throw ValidationError("ids", "ids must be strings");
        list.push_back(i.get<std::string>());
    }
    containers::ActionOptions o;
    o.grace = std::chrono::seconds(f.integer("grace").value_or(10));
    o.force = f.boolean("force").value_or(false);
    o.volumes = f.boolean("volumes").value_or(false);
    o.signal = f.string("signal").value_or("SIGKILL");
    json results = json::array();
    for (const auto& item : d->manager.bulk(hostOf(req), list, action->second, o)) {
        results.push_back({{"id", item.id}, {"status", item.status}, {"code", item.code}, {"message", item.message}});
        if (item.status < 300)
            d->trail.record(rc, std::string("container.") + containers::actionName(action->second), "container", item.id,
                            details(req, {{"bulk", true}}));
    }
    return Reply::json(200, {{"results", results}});
}

Reply logs(const Deps& d, const Request& req) {
    runtime::LogOptions o;
    o.tail = boundedNumber(req, "tail", 100, 0, 10000);
    o.timestamps = true;
    std::string search = query(req, "search").value_or("");
    ContainerLogLines splitter;
    json lines = json::array();
    auto keep = [&](const ContainerLogLine& l) {
        if (search.empty() || l.line.find(search) != std::string::npos) lines.push_back(toJson(l));
    };
    d->manager.logs(hostOf(req), id(req), o, [&](runtime::LogStream s, std::string_view piece) {
        for (const auto& l : splitter.add(s, piece)) keep(l);
    });
    for (const auto& l : splitter.finish()) keep(l);
    return Reply::json(200, {{"lines", lines}});
}

// The container is found first (404 with the engine's word), then followed by the app log stream's code.
std::shared_ptr<runtime::ContainerRuntime> runtimeOf(const Deps& d, const Request& req) {
    try {
        auto rt = d->hosts->runtimeFor(hostOf(req));
        if (!rt) throw ContainerError(503, "engine_unavailable", "the engine of this host is unreachable");
        return rt;
    } catch (const runtime::RuntimeError& e) {
        throw containers::fromRuntime(e);
    } catch (const hosts::HostNotFound& e) {
        throw ContainerError(404, "host_not_found", e.what(), "host");
    }
}

Reply followLogs(const Deps& d, const Request& req) {
    int tail = boundedNumber(req, "tail", 100, 0, 10000);
    std::optional<ContainerLogCursor> after;
    if (auto h = req.headers().tryGetRaw("Last-Event-ID")) after = ContainerLogCursor::parse(h->value());
    std::string containerId = d->manager.inspect(hostOf(req), id(req)).value("Id", "");
    return Reply::streaming(containerLogStream(runtimeOf(d, req), containerId, tail, after));
}

Reply events(const Deps& d, const Request& req) {
    runtimeOf(d, req);  // an unknown host is 404, an unreachable one 503, before the stream opens
    return Reply::streaming(dockerEventStream(d, d->manager, hostOf(req)));
}

Route route(Method m, std::string path, Role role, RouteDoc doc, const Deps& d,
            std::function<Reply(const Deps&, const Request&, RequestContext&)> fn) {
    return {m, std::move(path), role, std::move(doc),
            [d, fn = std::move(fn)](const auto& req, auto& rc) { return guarded([&] { return fn(d, req, rc); }); }};
}

// POST /api/containers/{id}/{start|stop|restart|pause|unpause|kill}: one declaration each.
std::vector<Route> actionRoutes(const Deps& deps, const std::string& hostNote) {
    std::vector<Route> routes;
    for (auto [name, action] : {std::pair{"start", ContainerAction::Start}, {"stop", ContainerAction::Stop},
                                {"restart", ContainerAction::Restart}, {"pause", ContainerAction::Pause},
                                {"unpause", ContainerAction::Unpause}, {"kill", ContainerAction::Kill}}) {
        std::string what = std::string(name) == "stop" || std::string(name) == "restart" ? " (?grace=seconds, default 10)"
                           : std::string(name) == "kill"                                ? " (?signal=, default SIGKILL)"
                                                                                        : "";
        routes.push_back(route(Method::Post, std::string("/api/containers/:id/") + name, Role::developer,
                               {std::string("The engine's ") + name + what +
                                    "; an app's container goes through the app's own action (start/stop/restart) or is refused; "
                                    "409 with the engine's reason in a state that does not allow it" + hostNote,
                                "containers", "", 200, "ContainerActionResult"},
                               deps, [action](const Deps& d, const Request& req, RequestContext& rc) { return act(d, req, rc, action); }));
    }
    return routes;
}

}  // namespace

std::vector<Route> containerManagerRoutes(std::shared_ptr<ContainersDeps> deps) {
    const std::string hostNote = " (?host=: the engine's host, default the local one; {id} also takes a name)";
    std::vector<Route> routes{
        route(Method::Get, "/api/containers", Role::viewer,
              {"Every container of a host, Rivetr's apps' and others' (?host=, * for every host; ?all=false: running only; "
               "?state=, ?name=, ?image=, ?label=k[=v], ?app=<id>|*, ?search=)", "containers", "", 200, "ContainerList"},
              deps, [](const Deps& d, const Request& req, RequestContext&) { return list(d, req); }),
        route(Method::Post, "/api/containers", Role::developer,
              {"Create (and start, unless start=false) a container under the create policy: 403 names the field and rule "
               "a non-admin may not use; an admin's dangerous settings are listed and audited" + hostNote,
               "containers", "ContainerCreate", 201, "ContainerOutcome"},
              deps, [](const Deps& d, const Request& req, RequestContext& rc) { return create(d, req, rc); }),
        route(Method::Post, "/api/containers/bulk", Role::developer,
              {"One action on several containers, one result each" + hostNote, "containers", "ContainerBulk", 200, "ContainerBulkResult"},
              deps, [](const Deps& d, const Request& req, RequestContext& rc) { return bulk(d, req, rc); }),
        route(Method::Get, "/api/containers/:id", Role::viewer,
              {"A container: the engine's whole inspect document, its editable config and its app" + hostNote, "containers", "", 200,
               "ContainerDetail"},
              deps, [](const Deps& d, const Request& req, RequestContext&) { return show(d, req); }),
        route(Method::Put, "/api/containers/:id", Role::developer,
              {"Recreate with the fields given changed and everything else kept (networks, aliases, labels, healthcheck, "
               "mounts, anonymous volumes); a failure brings the old container back" + hostNote,
               "containers", "ContainerEdit", 200, "ContainerOutcome"},
              deps, [](const Deps& d, const Request& req, RequestContext& rc) { return edit(d, req, rc); }),
        route(Method::Delete, "/api/containers/:id", Role::developer,
              {"Remove (?force=true: also a running one; ?volumes=true: with its anonymous volumes); an app's container "
               "is refused (409 naming the app)" + hostNote, "containers", "", 200, "ContainerActionResult"},
              deps, [](const Deps& d, const Request& req, RequestContext& rc) { return act(d, req, rc, ContainerAction::Remove); }),
        route(Method::Post, "/api/containers/:id/rename", Role::developer,
              {"Rename" + hostNote, "containers", "ContainerRename", 200, "ContainerRenamed"},
              deps, [](const Deps& d, const Request& req, RequestContext& rc) { return rename(d, req, rc); }),
        route(Method::Post, "/api/containers/:id/clone", Role::developer,
              {"A copy of the container's config under a new name, judged by the create policy (start=true to start it)" + hostNote,
               "containers", "ContainerClone", 201, "ContainerOutcome"},
              deps, [](const Deps& d, const Request& req, RequestContext& rc) { return clone(d, req, rc); }),
        route(Method::Get, "/api/containers/:id/logs", Role::viewer,
              {"Last lines, both streams with timestamps (?tail=N, ?search=text)" + hostNote, "containers", "", 200, "ManagedContainerLogs"},
              deps, [](const Deps& d, const Request& req, RequestContext&) { return logs(d, req); }),
        route(Method::Get, "/api/containers/:id/logs/stream", Role::viewer,
              {"Follow the output (SSE `log` events, ?tail=N; Last-Event-ID resumes)" + hostNote, "containers", "", 200, "EventStream"},
              deps, [](const Deps& d, const Request& req, RequestContext&) { return followLogs(d, req); }),
        route(Method::Get, "/api/containers/:id/stats", Role::viewer,
              {"CPU, memory (usage minus inactive file cache), network, block I/O and pids" + hostNote, "containers", "", 200,
               "ManagedContainerStats"},
              deps, [](const Deps& d, const Request& req, RequestContext&) { return Reply::json(200, toJson(d->manager.stats(hostOf(req), id(req)))); }),
        route(Method::Get, "/api/containers/:id/top", Role::viewer,
              {"The processes running in it" + hostNote, "containers", "", 200, "ContainerProcesses"},
              deps, [](const Deps& d, const Request& req, RequestContext&) { return Reply::json(200, toJson(d->manager.top(hostOf(req), id(req)))); }),
        route(Method::Get, "/api/docker/events", Role::viewer,
              {"The engine's own events (SSE `docker` events: type, action, id, attributes, time_nano; start, die, oom, "
               "health_status ...) (?host=)", "containers", "", 200, "EventStream"},
              deps, [](const Deps& d, const Request& req, RequestContext&) { return events(d, req); }),
    };
    for (auto& r : actionRoutes(deps, hostNote)) routes.push_back(std::move(r));
    return routes;
}

}  // namespace rivetr::api
