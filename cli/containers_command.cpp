// `rivetr containers list|inspect|create|start|stop|restart|pause|unpause|kill|rename|clone|rm|logs|stats|top|events`: every container of a host, not only apps', through the API.
#include <cstdio>
#include <ctime>
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/docker_host_args.hpp"
#include "cli/container_create_flags.hpp"
#include "cli/number_option.hpp"
#include "cli/output.hpp"
#include "core/percent_encoding.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string portsCell(const json& ports) {
    std::string out;
    for (const auto& p : ports) {
        if (!out.empty()) out += ", ";
        int host = p.value("host", 0);
        out += (host ? p.value("host_ip", "") + ":" + std::to_string(host) + "->" : "") +
               std::to_string(p.value("container", 0)) + "/" + p.value("protocol", "tcp");
    }
    return out.empty() ? "-" : out;
}

int list(ClientCall& c) {
    expectAtMost(c.args, 1);
    std::string q = queryStartingWithHost(c.args) + "all=" + (c.args.has("running") ? "false" : "true");
    for (const char* key : {"state", "search", "image", "label", "app"})
        if (auto v = c.args.option(key)) q += std::string("&") + key + "=" + percentEncode(*v);
    auto reply = c.api.get("/api/containers" + q);
    if (c.json) return printJson(reply), 0;
    Table t({"ID", "NAME", "IMAGE", "STATE", "STATUS", "PORTS", "APP", "HOST"});
    for (const auto& r : reply["containers"]) {
        std::string app = r["app"].is_object() ? cell(r["app"]["name"]) : "-";
        t.add({cell(r["id"]).substr(0, 12), cell(r["name"]), cell(r["image"]), cell(r["state"]), cell(r["status"]),
               portsCell(r["ports"]), app, cell(r["host"])});
    }
    t.print(std::cout, "no containers");
    printUnreachable(reply);
    return 0;
}

int inspect(ClientCall& c) {
    expectAtMost(c.args, 2);
    const auto& id = positional(c.args, 1, "CONTAINER");
    printJson(c.api.get("/api/containers/" + pathSegment(id) + queryStartingWithHost(c.args)));
    return 0;
}

// start/stop/restart/pause/unpause/kill of one container, or of several at once through the bulk route (one line each).
int act(ClientCall& c, const std::string& action) {
    std::vector<std::string> ids(c.args.positional.begin() + 1, c.args.positional.end());
    if (ids.empty()) throw UsageError("missing CONTAINER");
    auto grace = numberOption(c.args, "grace");
    auto signal = c.args.option("signal");
    if (ids.size() == 1) {
        std::string q = queryStartingWithHost(c.args) + (grace ? "grace=" + std::to_string(*grace) + "&" : "") +
                        (signal ? "signal=" + percentEncode(*signal) : "");
        auto r = c.api.call("POST", "/api/containers/" + pathSegment(ids[0]) + "/" + action + q);
        if (c.json) return printJson(r), 0;
        std::cout << action << ": " << ids[0] << "\n";
        return 0;
    }
    json body = {{"action", action}, {"ids", ids}};
    if (grace) body["grace"] = *grace;
    if (signal) body["signal"] = *signal;
    auto r = c.api.call("POST", "/api/containers/bulk" + queryStartingWithHost(c.args), body);
    if (c.json) return printJson(r), 0;
    int failed = 0;
    for (const auto& item : r["results"]) {
        bool ok = item.value("status", 0) < 300;
        failed += ok ? 0 : 1;
        std::cout << action << ": " << cell(item["id"]) << (ok ? "" : " failed: " + cell(item["message"])) << "\n";
    }
    return failed ? 1 : 0;
}

int create(ClientCall& c) {
    auto r = c.api.call("POST", "/api/containers" + queryStartingWithHost(c.args), containerCreateBody(c.args));
    if (c.json) return printJson(r), 0;
    std::cout << cell(r["id"]) << "\n";
    for (const auto& f : r["dangerous"]) std::cerr << "note: admin-only setting used: " << f.dump() << "\n";
    return 0;
}

// rm CONTAINER...: one DELETE each (the flags apply to all); several report one line each, exit 1 if any failed.
int remove(ClientCall& c) {
    std::vector<std::string> ids(c.args.positional.begin() + 1, c.args.positional.end());
    if (ids.empty()) throw UsageError("missing CONTAINER");
    std::string q = queryStartingWithHost(c.args) + "force=" + (c.args.has("force") ? "true" : "false") +
                    "&volumes=" + (c.args.has("volumes") ? "true" : "false");
    auto removeOne = [&](const std::string& id) { return c.api.call("DELETE", "/api/containers/" + pathSegment(id) + q); };
    if (ids.size() == 1) {
        auto r = removeOne(ids[0]);
        if (c.json) return printJson(r), 0;
        std::cout << "removed " << ids[0] << "\n";
        return 0;
    }
    int failed = 0;
    for (const auto& id : ids) {
        try {
            removeOne(id);
            std::cout << "removed " << id << "\n";
        } catch (const ApiError& e) {
            ++failed;
            std::cout << "rm: " << id << " failed: " << e.what() << "\n";
        }
    }
    return failed ? 1 : 0;
}

// One engine event as `docker events` prints it: time, type, action, id and the attributes that say what happened.
void printEngineEvent(const json& e) {
    std::string attrs;
    const auto& a = e.value("attributes", json::object());
    for (const char* key : {"name", "image", "exitCode", "signal"})
        if (a.contains(key)) attrs += std::string(attrs.empty() ? "" : ", ") + key + "=" + cell(a[key]);
    auto ns = e.value("time_nano", std::int64_t{0});
    std::time_t secs = static_cast<std::time_t>(ns / 1000000000);
    char when[32] = "-";
    if (ns) std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&secs));
    std::cout << when << " " << cell(e["type"]) << " " << cell(e["action"]) << " " << cell(e["id"]).substr(0, 12)
              << (attrs.empty() ? "" : " (" + attrs + ")") << "\n";
}

// events: the host engine's events as they happen (GET /api/docker/events), until Ctrl-C.
int events(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto host = c.args.option("host");
    followUntilInterrupted(c, "/api/docker/events" + (host ? "?host=" + percentEncode(*host) : std::string()),
                           [&](const std::string& event, const std::string& data) {
                               if (event != "docker") return;
                               auto e = json::parse(data, nullptr, false);
                               if (e.is_discarded()) return;
                               if (c.json) std::cout << e.dump() << "\n";
                               else printEngineEvent(e);
                               std::cout.flush();
                           });
    return 0;
}

// rename CONTAINER NAME, clone CONTAINER NAME: the container's new name, or its copy's (judged by the create policy).
int renameOrClone(ClientCall& c, const std::string& what) {
    expectAtMost(c.args, 3);
    const auto& id = positional(c.args, 1, "CONTAINER");
    json body{{"name", positional(c.args, 2, "NAME")}};
    if (what == "clone") body["start"] = c.args.has("start");
    auto r = c.api.call("POST", "/api/containers/" + pathSegment(id) + "/" + what + queryStartingWithHost(c.args), body);
    if (c.json) return printJson(r), 0;
    std::cout << (what == "clone" ? "cloned " + id + " as " : "renamed " + id + " to ") << cell(r["name"]) << "\n";
    return 0;
}

int stats(ClientCall& c) {
    expectAtMost(c.args, 2);
    auto s = c.api.get("/api/containers/" + pathSegment(positional(c.args, 1, "CONTAINER")) + "/stats" + queryStartingWithHost(c.args));
    if (c.json) return printJson(s), 0;
    Table t({"CPU %", "MEMORY", "LIMIT", "NET RX/TX", "BLOCK R/W", "PIDS"});
    char cpu[32];
    std::snprintf(cpu, sizeof cpu, "%.2f", s.value("cpu_percent", 0.0));
    t.add({cpu, humanBytes(s["memory_bytes"]), humanBytes(s["memory_limit_bytes"]),
           humanBytes(s["net_rx_bytes"]) + " / " + humanBytes(s["net_tx_bytes"]),
           humanBytes(s["block_read_bytes"]) + " / " + humanBytes(s["block_write_bytes"]), cell(s["pids"])});
    t.print(std::cout, "");
    return 0;
}

int top(ClientCall& c) {
    expectAtMost(c.args, 2);
    auto p = c.api.get("/api/containers/" + pathSegment(positional(c.args, 1, "CONTAINER")) + "/top" + queryStartingWithHost(c.args));
    if (c.json) return printJson(p), 0;
    std::vector<std::string> titles;
    for (const auto& title : p["titles"]) titles.push_back(cell(title));
    Table t(titles);
    for (const auto& row : p["processes"]) {
        std::vector<std::string> cells;
        for (const auto& v : row) cells.push_back(cell(v));
        t.add(cells);
    }
    t.print(std::cout, "no processes");
    return 0;
}

int logs(ClientCall& c) {
    expectAtMost(c.args, 2);
    const auto& id = positional(c.args, 1, "CONTAINER");
    auto tail = numberOption(c.args, "lines").value_or(100);
    if (tail < 0 || tail > 10000) throw UsageError("-n takes a number of lines from 0 to 10000");
    std::string base = "/api/containers/" + pathSegment(id);
    std::string q = queryStartingWithHost(c.args) + "tail=" + std::to_string(tail);
    if (c.args.has("follow")) return followLogStream(c, base + "/logs/stream" + q);
    auto reply = c.api.get(base + "/logs" + q);  // held: a range over a temporary's member would dangle
    for (const auto& l : reply["lines"]) printLogLine(l, c.json);
    return 0;
}

}  // namespace

int runContainers(const std::vector<std::string>& argv) {
    auto action = [](const char* name) { return [name](ClientCall& c) { return act(c, name); }; };
    return runSubcommands(argv, "containers",
                          {{"list", list}, {"ls", list}, {"inspect", inspect}, {"create", create}, {"events", events}, {"start", action("start")},
                           {"stop", action("stop")}, {"restart", action("restart")}, {"pause", action("pause")},
                           {"unpause", action("unpause")}, {"kill", action("kill")},
                           {"rename", [](ClientCall& c) { return renameOrClone(c, "rename"); }},
                           {"clone", [](ClientCall& c) { return renameOrClone(c, "clone"); }}, {"rm", remove},
                           {"logs", logs}, {"stats", stats}, {"top", top}});
}

}  // namespace rivetr::cli
