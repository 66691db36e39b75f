// The compose stack routes. Handlers validate and call the stack service, which serialises each stack's operations; every change is audited.
#include "api/stacks/stack_routes.hpp"

#include "api/docker_host/host_query.hpp"
#include "api/http/api_errors.hpp"
#include "api/http/json_fields.hpp"
#include "api/http/query_flag.hpp"
#include "api/stacks/stack_errors.hpp"
#include "api/stacks/stack_json.hpp"
#include "api/stacks/stack_log_stream.hpp"
#include "core/parse_int.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;
using Request = Pistache::Rest::Request;
using store::Role;

std::string nameParam(const Request& req) { return pathParam(req, ":name"); }

std::string actorOf(const RequestContext& rc) { return rc.principal ? rc.principal->name : "system"; }

stacks::StackInput inputFrom(const JsonFields& f, const json& obj, const std::vector<store::StackVar>& current) {
    stacks::StackInput in;
    in.compose = f.string("compose");
    if (f.has("env_file")) in.envFile = f.isNull("env_file") ? std::string() : f.string("env_file").value_or("");
    if (f.object("env")) in.vars = stackVarsFrom(obj["env"], current);
    else if (f.has("env") && !f.isNull("env")) throw ValidationError("env", "env is an object of variables");
    return in;
}

Reply list(StacksDeps& d, const Request&, RequestContext&) {
    json out = json::array();
    for (const auto& s : d.service->list()) out.push_back(stackSummaryJson(s));
    return Reply::json(200, {{"stacks", out}});
}

Reply create(StacksDeps& d, const Request& req, RequestContext& rc) {
    auto obj = parseJsonObject(req.body());
    JsonFields f(obj, {"name", "compose", "env_file", "env"});
    std::string name = f.string("name").value_or("");
    auto detail = d.service->create(name, inputFrom(f, obj, {}));
    d.trail.record(rc, "stack.create", "stack", name, {{"services", detail.summary.services.size()}});
    return Reply::json(201, stackDetailJson(detail));
}

Reply validate(StacksDeps& d, const Request& req, RequestContext&) {
    auto obj = parseJsonObject(req.body());
    JsonFields f(obj, {"name", "compose", "env_file", "env"});
    std::string name = f.string("name").value_or("validate");
    auto in = inputFrom(f, obj, {});
    if (!in.compose) throw ValidationError("compose", "compose is required: the file's text");
    auto issues = d.service->validate(name, *in.compose, in.envFile, in.vars.value_or(std::vector<store::StackVar>{}));
    return Reply::json(200, {{"valid", issues.empty()}, {"issues", composeIssuesJson(issues)}});
}

Reply update(StacksDeps& d, const Request& req, RequestContext& rc) {
    auto obj = parseJsonObject(req.body());
    JsonFields f(obj, {"compose", "env_file", "env"});
    auto name = nameParam(req);
    auto current = d.service->storedVars(name);
    auto detail = d.service->update(name, inputFrom(f, obj, current));
    d.trail.record(rc, "stack.update", "stack", name, {{"compose", f.has("compose")}, {"env_file", f.has("env_file")}, {"env", f.has("env")}});
    return Reply::json(200, stackDetailJson(detail));
}

Reply remove(StacksDeps& d, const Request& req, RequestContext& rc) {
    auto name = nameParam(req);
    bool volumes = queryFlag(req, "volumes");
    auto down = d.service->remove(name, volumes);
    d.trail.record(rc, "stack.remove", "stack", name, {{"volumes", volumes}, {"removed_volumes", down.removedVolumes}});
    return Reply::json(200, stackDownJson(down));
}

std::string serviceFrom(const Request& req) {
    if (req.body().empty()) return {};
    auto obj = parseJsonObject(req.body());
    JsonFields f(obj, {"service", "pull", "volumes"});
    return f.string("service").value_or("");
}

Reply deploy(StacksDeps& d, const Request& req, RequestContext& rc, bool pull) {
    auto name = nameParam(req);
    auto obj = req.body().empty() ? json::object() : parseJsonObject(req.body());
    JsonFields f(obj, {"service", "pull"});
    stacks::StackDeployRequest r{pull || f.boolean("pull").value_or(false), f.string("service").value_or(""), rc.role(), actorOf(rc)};
    try {
        auto out = d.service->deploy(name, r);
        d.trail.record(rc, r.pull ? "stack.pull" : "stack.deploy", "stack", name, {{"revision", out.revision}, {"service", r.service}});
        return Reply::json(200, stackDeployJson(out));
    } catch (const stacks::StackError& e) {
        d.trail.record(rc, r.pull ? "stack.pull" : "stack.deploy", "stack", name, {{"failed", e.what()}, {"service", e.field()}});
        throw;
    }
}

Reply action(StacksDeps& d, const Request& req, RequestContext& rc, const std::string& verb) {
    auto name = nameParam(req);
    auto service = serviceFrom(req);
    auto& s = *d.service;
    auto names = verb == "start" ? s.start(name, service) : verb == "stop" ? s.stop(name, service) : s.restart(name, service);
    d.trail.record(rc, "stack." + verb, "stack", name, {{"service", service}, {"containers", names}});
    return Reply::json(200, {{"containers", names}});
}

Reply down(StacksDeps& d, const Request& req, RequestContext& rc) {
    auto name = nameParam(req);
    auto obj = req.body().empty() ? json::object() : parseJsonObject(req.body());
    JsonFields f(obj, {"volumes"});
    bool volumes = f.boolean("volumes").value_or(false);
    auto out = d.service->down(name, volumes);
    d.trail.record(rc, "stack.down", "stack", name, {{"volumes", volumes}, {"removed_volumes", out.removedVolumes}});
    return Reply::json(200, stackDownJson(out));
}

// The merged follow of every service's container (?service= one, ?tail=N lines of each first, default 100).
Reply logs(StacksDeps& d, const Request& req, RequestContext&) {
    auto name = nameParam(req);
    std::string tailText = queryText(req, "tail");
    int tail = 100;
    if (!tailText.empty()) {
        auto parsed = parseInt(tailText);
        if (!parsed || *parsed < 0 || *parsed > 10000) throw ValidationError("tail", "tail is a number of lines from 0 to 10000");
        tail = *parsed;
    }
    std::vector<StackLogSource> sources;
    for (const auto& c : d.service->containers(name, queryText(req, "service"))) sources.push_back({c.service, c.containerName, c.containerId});
    return Reply::streaming(stackLogStream(d.service->engineHandle(), std::move(sources), tail));
}

}  // namespace

std::vector<Route> stackRoutes(std::shared_ptr<StacksDeps> deps) {
    auto keep = [deps](auto f) {
        return [deps, f](const Request& req, RequestContext& rc) { return guardedStacks([&] { return f(*deps, req, rc); }); };
    };
    auto verb = [keep](const char* v) {
        return keep([v](StacksDeps& d, const Request& req, RequestContext& rc) { return action(d, req, rc, v); });
    };
    const char* serviceNote = " (body {\"service\"} for one service; none: the whole stack, in dependency order)";
    return {
        {Method::Get, "/api/stacks", Role::viewer,
         {"Every compose stack: Rivetr's (files in <data_dir>/stacks), and compose projects started elsewhere found by their "
          "labels (adopted when their file is readable, external otherwise), with each service's container state",
          "stacks", "", 200, "StackList"},
         keep(list)},
        {Method::Post, "/api/stacks", Role::developer,
         {"Create a stack: its compose file (kept byte for byte), an optional .env and stored variables (secret ones encrypted). "
          "Validated first: 400 invalid_compose lists every issue with file, line and key, and nothing is written",
          "stacks", "StackInput", 201, "StackDetail"},
         keep(create)},
        {Method::Post, "/api/stacks/validate", Role::viewer,
         {"Validate a compose file without creating anything: the issues with file, line and key (empty when valid)",
          "stacks", "StackInput", 200, "StackValidation"},
         keep(validate)},
        {Method::Get, "/api/stacks/:name", Role::viewer,
         {"A stack: its files, stored variables (secret values null), services, and the revision that was last deployed",
          "stacks", "", 200, "StackDetail"},
         keep([](StacksDeps& d, const Request& req, RequestContext&) { return Reply::json(200, stackDetailJson(d.service->get(nameParam(req)))); })},
        {Method::Put, "/api/stacks/:name", Role::developer,
         {"Edit a stack's compose file, .env or variables (each optional; a secret sent with a null value keeps its value). "
          "Validated before anything is written; deploying applies it",
          "stacks", "StackInput", 200, "StackDetail"},
         keep(update)},
        {Method::Delete, "/api/stacks/:name", Role::developer,
         {"Take a stack down and delete its files and records; ?volumes=1 also removes its named volumes (listed in the answer, "
          "kept otherwise)",
          "stacks", "", 200, "StackDown"},
         keep(remove)},
        {Method::Post, "/api/stacks/:name/deploy", Role::developer,
         {std::string("Deploy or update: networks and volumes, then services in dependency order; only services whose config "
                      "changed are recreated, and a failing service keeps its previous container. 422 deploy_failed names the service") + serviceNote,
          "stacks", "StackDeployInput", 200, "StackDeployResult"},
         keep([](StacksDeps& d, const Request& req, RequestContext& rc) { return deploy(d, req, rc, false); })},
        {Method::Post, "/api/stacks/:name/pull", Role::developer,
         {std::string("Pull & redeploy: images pulled again (built ones rebuilt) first; a failed pull changes nothing") + serviceNote,
          "stacks", "StackDeployInput", 200, "StackDeployResult"},
         keep([](StacksDeps& d, const Request& req, RequestContext& rc) { return deploy(d, req, rc, true); })},
        {Method::Post, "/api/stacks/:name/start", Role::developer, {std::string("Start a stack's containers") + serviceNote, "stacks", "StackServiceInput", 200, "StackContainers"}, verb("start")},
        {Method::Post, "/api/stacks/:name/stop", Role::developer, {std::string("Stop a stack's containers, dependents first") + serviceNote, "stacks", "StackServiceInput", 200, "StackContainers"}, verb("stop")},
        {Method::Post, "/api/stacks/:name/restart", Role::developer, {std::string("Restart a stack's containers") + serviceNote, "stacks", "StackServiceInput", 200, "StackContainers"}, verb("restart")},
        {Method::Post, "/api/stacks/:name/down", Role::developer,
         {"Remove a stack's containers and networks; named volumes stay unless {\"volumes\": true} (the answer lists them either way). "
          "The files stay: deploy brings it back",
          "stacks", "StackDownInput", 200, "StackDown"},
         keep(down)},
        {Method::Get, "/api/stacks/:name/logs", Role::viewer,
         {"Every service's output merged into one stream (SSE `log` events {service, container, ts, stream, line}; ?service= "
          "one service, ?tail=N lines of each first, default 100); `end` when every container stopped",
          "stacks", "", 200, "EventStream"},
         keep(logs)},
        {Method::Get, "/api/stacks/:name/revisions", Role::viewer,
         {"The stack's deploys, newest first: status, the failing service and error, who, when, and the files deployed",
          "stacks", "", 200, "StackRevisions"},
         keep([](StacksDeps& d, const Request& req, RequestContext&) {
             json out = json::array();
             for (const auto& r : d.service->revisions(nameParam(req))) out.push_back(stackRevisionJson(r));
             return Reply::json(200, {{"revisions", out}});
         })},
    };
}

}  // namespace rivetr::api
