// `rivetr volumes ls|create|inspect|rm|prune [--host HOST]`: the Docker manager's volumes from the terminal.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/docker_host_args.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string orDash(const json& v) { return v.is_null() ? "-" : cell(v); }

// A size the engine did not measure is "unknown", never 0.
std::string size(const json& bytes) { return bytes.is_number() ? humanBytes(bytes) : "unknown"; }

std::string users(const json& volume) {
    std::string out;
    for (const auto& u : volume["used_by"]) out += (out.empty() ? "" : ", ") + cell(u["name"]);
    return out.empty() ? "-" : out;
}

int list(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto reply = c.api.get("/api/volumes" + hostQuery(c.args));
    if (c.json) return printJson(reply), 0;
    Table t({"NAME", "DRIVER", "SIZE", "USED BY", "APP", "HOST"});
    for (const auto& v : reply["volumes"])
        t.add({cell(v["name"]), cell(v["driver"]), size(v["size_bytes"]), users(v), v["app"].is_null() ? "-" : cell(v["app"]["name"]),
               cell(v["host"])});
    t.print(std::cout, "no volumes");
    printUnreachable(reply);
    return 0;
}

int create(ClientCall& c) {
    const auto& name = positional(c.args, 1, "NAME");
    expectAtMost(c.args, 2);
    json body{{"name", name}, {"labels", keyValueOption(c.args, "label")}, {"driver_opts", keyValueOption(c.args, "opt")}};
    if (auto driver = c.args.option("driver")) body["driver"] = *driver;
    auto made = c.api.call("POST", "/api/volumes" + hostQuery(c.args), body);
    if (c.json) return printJson(made), 0;
    std::cout << "created " << cell(made["volume"]["name"]) << " (" << cell(made["volume"]["driver"]) << ")\n";
    for (const auto& f : made["dangerous"]) std::cout << "warning (admin only): " << cell(f["rule"]) << "\n";
    return 0;
}

int inspect(ClientCall& c) {
    const auto& name = positional(c.args, 1, "NAME");
    expectAtMost(c.args, 2);
    auto reply = c.api.get("/api/volumes/" + pathSegment(name) + hostQuery(c.args));
    if (c.json) return printJson(reply), 0;
    const json& v = reply["volume"];
    std::cout << "name:       " << cell(v["name"]) << "\ndriver:     " << cell(v["driver"]) << "\nmountpoint: " << cell(v["mountpoint"])
              << "\nsize:       " << size(v["size_bytes"]) << "\napp:        " << (v["app"].is_null() ? "-" : cell(v["app"]["name"]))
              << "\nstack:      " << orDash(v["stack"]) << "\n";
    for (const auto& u : v["used_by"])
        std::cout << "used by:    " << cell(u["name"]) << " at " << cell(u["target"]) << (u["read_only"] == true ? " (read-only)" : "") << "\n";
    std::cout << reply["inspect"].dump(2) << "\n";
    return 0;
}

int remove(ClientCall& c) {
    positional(c.args, 1, "NAME");
    for (auto name = c.args.positional.begin() + 1; name != c.args.positional.end(); ++name) {
        auto r = c.api.call("DELETE", "/api/volumes/" + pathSegment(*name) + hostQuery(c.args));
        if (c.json) {
            printJson(r);
            continue;
        }
        std::cout << "removed " << cell(r["name"]) << "\n";
    }
    return 0;
}

void printPlan(const json& plan) {
    Table go({"NAME", "SIZE"});
    for (const auto& v : plan["volumes"]) go.add({cell(v["name"]), size(v["size_bytes"])});
    go.print(std::cout, "nothing to prune");
    for (const auto& k : plan["kept"]) std::cout << "kept " << cell(k["name"]) << ": " << cell(k["reason"]) << "\n";
}

// Shows what would go; with --yes removes exactly the volumes it showed (one a container mounts by then
// stays, and one that became unused only since is left for the next run).
int prune(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto plan = c.api.call("POST", "/api/volumes/prune" + hostQuery(c.args), json::object());
    if (!c.args.has("yes")) {
        if (c.json) return printJson(plan), 0;
        printPlan(plan);
        if (!plan["volumes"].empty())
            std::cout << plan["volumes"].size() << " volumes (" << humanBytes(plan["size_bytes"])
                      << ") would go; nothing was removed: run again with --yes to remove them\n";
        return 0;
    }
    if (!c.json) printPlan(plan);
    json confirm = json::array();
    for (const auto& v : plan["volumes"]) confirm.push_back(v["name"]);
    if (confirm.empty()) return c.json ? (printJson(plan), 0) : 0;
    auto report = c.api.call("POST", "/api/volumes/prune" + hostQuery(c.args), json{{"confirm", confirm}});
    if (c.json) return printJson(report), 0;
    return printPruneOutcomes(report, "name", "volume");
}

}  // namespace

int runVolumes(const std::vector<std::string>& argv) {
    // One runner per subcommand (each reads its own positionals): a new subcommand is one more entry here
    // and one in the registry.
    SubcommandRunners runners{{"ls", list}, {"list", list}, {"create", create}, {"inspect", inspect}, {"rm", remove}, {"prune", prune}};
    runners.merge(volumeContentRunners());
    return runSubcommands(argv, "volumes", runners);
}

}  // namespace rivetr::cli
