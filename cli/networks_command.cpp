// `rivetr networks ls|create|inspect|rm|connect|disconnect|prune [--host HOST]`: the Docker manager's networks from the terminal.
#include <initializer_list>
#include <iostream>
#include <utility>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/docker_host_args.hpp"
#include "cli/output.hpp"
#include "core/percent_encoding.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string networkPath(const std::string& id, const std::string& tail = "") { return "/api/networks/" + pathSegment(id) + tail; }

std::string subnets(const json& n) {
    std::string out;
    for (const auto& s : n["subnets"]) out += (out.empty() ? "" : ", ") + cell(s["subnet"]);
    return out.empty() ? "-" : out;
}

int list(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto reply = c.api.get("/api/networks" + hostQuery(c.args));
    if (c.json) return printJson(reply), 0;
    Table t({"ID", "NAME", "DRIVER", "SUBNET", "CONTAINERS", "HOST"});
    for (const auto& n : reply["networks"])
        t.add({cell(n["short_id"]), cell(n["name"]), cell(n["driver"]), subnets(n), std::to_string(n["containers"].size()), cell(n["host"])});
    t.print(std::cout, "no networks");
    printUnreachable(reply);
    return 0;
}

void printNetwork(const json& n) {
    std::cout << cell(n["name"]) << " (" << cell(n["id"]) << ") on " << cell(n["host"]) << "\n"
              << "driver " << cell(n["driver"]) << ", scope " << cell(n["scope"]) << (n["internal"] == true ? ", internal" : "")
              << (n["attachable"] == true ? ", attachable" : "") << "\n";
    for (const auto& s : n["subnets"])
        std::cout << "subnet " << cell(s["subnet"]) << (s["gateway"] != "" ? " gateway " + cell(s["gateway"]) : "")
                  << (s["ip_range"] != "" ? " range " + cell(s["ip_range"]) : "") << "\n";
    Table t({"CONTAINER", "IPV4", "IPV6", "ALIASES", "APP"});
    for (const auto& ct : n["containers"]) {
        std::string aliases;
        for (const auto& a : ct["aliases"]) aliases += (aliases.empty() ? "" : ",") + cell(a);
        t.add({cell(ct["name"]), cell(ct["ipv4_address"]), cell(ct["ipv6_address"]), aliases.empty() ? "-" : aliases,
               ct["app_name"].is_null() ? "-" : cell(ct["app_name"])});
    }
    t.print(std::cout, "no containers attached");
}

int create(ClientCall& c) {
    json body{{"name", positional(c.args, 1, "NAME")}, {"internal", c.args.has("internal")}, {"attachable", c.args.has("attachable")},
              {"labels", keyValueOption(c.args, "label")}, {"options", keyValueOption(c.args, "opt")}};
    expectAtMost(c.args, 2);
    using Pair = std::pair<const char*, const char*>;  // option -> body field
    for (const auto& [option, field] : std::initializer_list<Pair>{{"driver", "driver"}, {"subnet", "subnet"}, {"gateway", "gateway"}, {"ip-range", "ip_range"}})
        if (auto v = c.args.option(option)) body[field] = *v;
    auto n = c.api.call("POST", "/api/networks" + hostQuery(c.args), body);
    if (c.json) return printJson(n), 0;
    std::cout << "created " << cell(n["name"]) << " (" << cell(n["short_id"]) << ") " << subnets(n) << "\n";
    return 0;
}

int inspect(ClientCall& c) {
    auto n = c.api.get(networkPath(positional(c.args, 1, "NETWORK")) + hostQuery(c.args));
    expectAtMost(c.args, 2);
    if (c.json) return printJson(n), 0;
    printNetwork(n);
    return 0;
}

int remove(ClientCall& c) {
    positional(c.args, 1, "NETWORK");
    for (std::size_t i = 1; i < c.args.positional.size(); ++i) {
        auto r = c.api.call("DELETE", networkPath(c.args.positional[i]) + hostQuery(c.args));
        if (c.json) printJson(r);
        else std::cout << "removed " << cell(r["name"]) << "\n";
    }
    return 0;
}

int connect(ClientCall& c) {
    const auto& network = positional(c.args, 1, "NETWORK");
    json body{{"container", positional(c.args, 2, "CONTAINER")}, {"aliases", c.args.all("alias")}};
    expectAtMost(c.args, 3);
    if (auto ip = c.args.option("ip")) body["ipv4_address"] = *ip;
    auto r = c.api.call("POST", networkPath(network, "/connect") + hostQuery(c.args), body);
    if (c.json) return printJson(r), 0;
    for (const auto& ct : r["network"]["containers"])
        if (ct["id"] == body["container"] || ct["name"] == body["container"])
            std::cout << "connected " << cell(ct["name"]) << " to " << cell(r["network"]["name"]) << " at " << cell(ct["ipv4_address"]) << "\n";
    if (!r["warning"].is_null()) std::cerr << "warning: " << cell(r["warning"]) << "\n";
    return 0;
}

int disconnect(ClientCall& c) {
    const auto& network = positional(c.args, 1, "NETWORK");
    json body{{"container", positional(c.args, 2, "CONTAINER")}, {"force", c.args.has("force")}};
    expectAtMost(c.args, 3);
    auto r = c.api.call("POST", networkPath(network, "/disconnect") + hostQuery(c.args), body);
    if (c.json) return printJson(r), 0;
    std::cout << "disconnected " << cell(body["container"]) << " from " << cell(r["name"]) << "\n";
    return 0;
}

// Shows the unused networks; with --yes removes exactly those it showed (one used since is kept).
int prune(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto plan = c.api.call("POST", "/api/networks/prune" + hostQuery(c.args), json::object());
    if (!c.args.has("yes")) {
        if (c.json) return printJson(plan), 0;
        Table t({"ID", "NAME", "DRIVER"});
        for (const auto& n : plan["networks"]) t.add({cell(n["id"]).substr(0, 12), cell(n["name"]), cell(n["driver"])});
        t.print(std::cout, "nothing to prune");
        if (!plan["networks"].empty())
            std::cout << plan["networks"].size() << " networks would go; nothing was removed: run again with --yes to remove them\n";
        return 0;
    }
    json ids = json::array();
    for (const auto& n : plan["networks"]) ids.push_back(n["id"]);
    if (ids.empty()) return std::cout << "nothing to prune\n", 0;
    auto report = c.api.call("POST", "/api/networks/prune" + hostQuery(c.args), {{"dry_run", false}, {"networks", ids}});
    if (c.json) return printJson(report), 0;
    int refused = 0;
    for (const auto& o : report["outcomes"]) {
        if (o["removed"] == true) {
            std::cout << "removed " << cell(o["name"]) << "\n";
        } else {
            ++refused;
            std::cerr << "kept " << cell(o["id"]) << ": " << cell(o["error"]) << "\n";
        }
    }
    return refused == 0 ? 0 : 1;
}

}  // namespace

int runNetworks(const std::vector<std::string>& argv) {
    return runSubcommands(argv, "networks",
                          {{"ls", list}, {"list", list}, {"create", create}, {"inspect", inspect}, {"rm", remove},
                           {"connect", connect}, {"disconnect", disconnect}, {"prune", prune}});
}

}  // namespace rivetr::cli
