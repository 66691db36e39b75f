// `rivetr stacks ls|show|cat|validate|create|edit|deploy|pull|start|stop|restart|down|rm|revisions`: compose stacks from the terminal.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/docker_host_args.hpp"
#include "cli/output.hpp"
#include "core/percent_encoding.hpp"
#include "core/text.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string stackPath(const std::string& name, const std::string& tail = "") { return "/api/stacks/" + pathSegment(name) + tail; }

std::string fileText(const std::string& path) {
    auto text = readWholeFile(path);
    if (!text) throw UsageError("cannot read " + path);
    return *text;
}

// -f FILE, --env-file FILE, --env K=V and --secret K=V as the body of a create, an edit or a validation.
json stackBody(const Args& args) {
    json body = json::object();
    if (auto f = args.option("file")) body["compose"] = fileText(*f);
    if (auto e = args.option("env-file")) body["env_file"] = fileText(*e);
    json env = json::object();
    for (const auto& kv : args.all("env")) env[keyValue(kv, "--env").first] = keyValue(kv, "--env").second;
    for (const auto& kv : args.all("secret")) {
        auto [k, v] = keyValue(kv, "--secret");
        env[k] = {{"value", v}, {"secret", true}};
    }
    if (!env.empty()) body["env"] = env;
    return body;
}

std::string servicesCell(const json& s) {
    return std::to_string(s["running"].get<int>()) + "/" + std::to_string(s["services"].size());
}

int list(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto reply = c.api.get("/api/stacks");
    if (c.json) return printJson(reply), 0;
    Table t({"NAME", "STATUS", "RUNNING", "SOURCE", "LAST DEPLOY"});
    for (const auto& s : reply["stacks"]) {
        const json& last = s["last_revision"];
        std::string deploy = last.is_null() ? "-" : "#" + std::to_string(last["revision"].get<int>()) + " " + cell(last["status"]);
        t.add({cell(s["name"]), cell(s["status"]), servicesCell(s), cell(s["source"]), deploy});
    }
    t.print(std::cout, "no stacks");
    return 0;
}

int show(ClientCall& c) {
    auto s = c.api.get(stackPath(positional(c.args, 1, "STACK")));
    expectAtMost(c.args, 2);
    if (c.json) return printJson(s), 0;
    std::cout << cell(s["name"]) << ": " << cell(s["status"]) << " (" << servicesCell(s) << " running), " << cell(s["source"])
              << ", " << cell(s["config_file"]) << "\n";
    Table t({"SERVICE", "CONTAINER", "STATE", "HEALTH", "IMAGE"});
    for (const auto& sv : s["services"])
        t.add({cell(sv["service"]), sv["container"] == "" ? "-" : cell(sv["container"]), cell(sv["state"]),
               sv["health"].is_null() ? "-" : cell(sv["health"]), sv["image"] == "" ? "-" : cell(sv["image"])});
    t.print(std::cout, "no services");
    if (!s["deployed"].is_null()) std::cout << "deployed revision #" << s["deployed"]["revision"].get<int>() << "\n";
    return 0;
}

// The compose file exactly as stored (byte for byte), for a pipe or a redirect.
int cat(ClientCall& c) {
    auto s = c.api.get(stackPath(positional(c.args, 1, "STACK")));
    expectAtMost(c.args, 2);
    std::cout << s["compose"].get<std::string>();
    return 0;
}

void printIssues(const json& issues) {
    for (const auto& i : issues)
        std::cerr << cell(i["file"]) << (i["line"].get<int>() > 0 ? ":" + std::to_string(i["line"].get<int>()) : "") << ": "
                  << (i["key"] == "" ? "" : cell(i["key"]) + ": ") << cell(i["message"]) << "\n";
}

int validate(ClientCall& c) {
    expectAtMost(c.args, 1);
    json body = stackBody(c.args);
    if (!body.contains("compose")) throw UsageError("validate needs -f FILE");
    if (auto n = c.args.option("name")) body["name"] = *n;
    auto r = c.api.call("POST", "/api/stacks/validate", body);
    if (c.json) return printJson(r), 0;
    if (r["valid"] == true) return std::cout << "valid\n", 0;
    printIssues(r["issues"]);
    return 1;
}

int create(ClientCall& c) {
    json body = stackBody(c.args);
    body["name"] = positional(c.args, 1, "STACK");
    expectAtMost(c.args, 2);
    if (!body.contains("compose")) throw UsageError("create needs -f FILE (the compose file)");
    auto s = c.api.call("POST", "/api/stacks", body);
    if (c.json) return printJson(s), 0;
    std::cout << "created " << cell(s["name"]) << " with " << s["services"].size() << " services: deploy it with `rivetr stacks deploy "
              << cell(s["name"]) << "`\n";
    return 0;
}

int edit(ClientCall& c) {
    const auto& name = positional(c.args, 1, "STACK");
    expectAtMost(c.args, 2);
    auto s = c.api.call("PUT", stackPath(name), stackBody(c.args));
    if (c.json) return printJson(s), 0;
    std::cout << "saved " << cell(s["name"]) << ": deploy it to apply the change\n";
    return 0;
}

int printDeploy(ClientCall& c, const json& r) {
    if (c.json) return printJson(r), 0;
    Table t({"SERVICE", "CONTAINER", "OUTCOME"});
    for (const auto& s : r["services"]) t.add({cell(s["service"]), cell(s["container"]), cell(s["outcome"])});
    t.print(std::cout, "no services");
    for (const auto& o : r["removed_orphans"]) std::cout << "removed " << cell(o) << " (its service left the file)\n";
    std::cout << "revision #" << r["revision"].get<int>() << " deployed\n";
    return 0;
}

// With -f (and --env-file, --env, --secret) the stack is saved first: created when new, edited otherwise.
int deployWith(ClientCall& c, bool pull) {
    const auto& name = positional(c.args, 1, "STACK");
    expectAtMost(c.args, 2);
    json files = stackBody(c.args);
    if (!files.empty()) {
        files["name"] = name;
        try {
            c.api.get(stackPath(name));
            files.erase("name");
            c.api.call("PUT", stackPath(name), files);
        } catch (const ApiError& e) {
            if (e.status() != 404) throw;
            c.api.call("POST", "/api/stacks", files);
        }
    }
    json body = json::object();
    if (auto s = c.args.option("service")) body["service"] = *s;
    return printDeploy(c, c.api.call("POST", stackPath(name, pull ? "/pull" : "/deploy"), body));
}

int deploy(ClientCall& c) { return deployWith(c, false); }
int pull(ClientCall& c) { return deployWith(c, true); }

int lifecycle(ClientCall& c, const char* verb) {
    const auto& name = positional(c.args, 1, "STACK");
    expectAtMost(c.args, 2);
    json body = json::object();
    if (auto s = c.args.option("service")) body["service"] = *s;
    auto r = c.api.call("POST", stackPath(name, std::string("/") + verb), body);
    if (c.json) return printJson(r), 0;
    for (const auto& n : r["containers"]) std::cout << verb << (std::string(verb) == "stop" ? "ped " : "ed ") << cell(n) << "\n";
    if (r["containers"].empty()) std::cout << "nothing to " << verb << "\n";
    return 0;
}

int printDown(ClientCall& c, const json& r) {
    if (c.json) return printJson(r), 0;
    for (const auto& n : r["removed_containers"]) std::cout << "removed container " << cell(n) << "\n";
    for (const auto& n : r["removed_networks"]) std::cout << "removed network " << cell(n) << "\n";
    for (const auto& n : r["removed_volumes"]) std::cout << "removed volume " << cell(n) << "\n";
    for (const auto& n : r["kept_volumes"]) std::cout << "kept volume " << cell(n) << " (--volumes removes it)\n";
    return 0;
}

int down(ClientCall& c) {
    const auto& name = positional(c.args, 1, "STACK");
    expectAtMost(c.args, 2);
    return printDown(c, c.api.call("POST", stackPath(name, "/down"), {{"volumes", c.args.has("volumes")}}));
}

int remove(ClientCall& c) {
    const auto& name = positional(c.args, 1, "STACK");
    expectAtMost(c.args, 2);
    return printDown(c, c.api.call("DELETE", stackPath(name) + (c.args.has("volumes") ? "?volumes=1" : "")));
}

int revisions(ClientCall& c) {
    auto r = c.api.get(stackPath(positional(c.args, 1, "STACK"), "/revisions"));
    expectAtMost(c.args, 2);
    if (c.json) return printJson(r), 0;
    Table t({"REVISION", "STATUS", "SERVICE", "BY", "ERROR"});
    for (const auto& v : r["revisions"])
        t.add({"#" + std::to_string(v["revision"].get<int>()), cell(v["status"]), v["service"].is_null() ? "-" : cell(v["service"]),
               cell(v["actor"]), v["error"].is_null() ? "-" : cell(v["error"])});
    t.print(std::cout, "never deployed");
    return 0;
}

}  // namespace

int runStacks(const std::vector<std::string>& argv) {
    return runSubcommands(argv, "stacks",
                          {{"ls", list}, {"list", list}, {"show", show}, {"cat", cat}, {"validate", validate}, {"create", create},
                           {"edit", edit}, {"deploy", deploy}, {"pull", pull},
                           {"start", [](ClientCall& c) { return lifecycle(c, "start"); }},
                           {"stop", [](ClientCall& c) { return lifecycle(c, "stop"); }},
                           {"restart", [](ClientCall& c) { return lifecycle(c, "restart"); }},
                           {"down", down}, {"rm", remove}, {"revisions", revisions}});
}

}  // namespace rivetr::cli
