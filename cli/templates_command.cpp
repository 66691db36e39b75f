// `rivetr templates ls|show|deploy`: the one-click stack templates shipped in the binary.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/docker_host_args.hpp"
#include "cli/output.hpp"
#include "core/percent_encoding.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

int list(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto reply = c.api.get("/api/templates");
    if (c.json) return printJson(reply), 0;
    Table t({"ID", "NAME", "CATEGORY", "DESCRIPTION"});
    for (const auto& tpl : reply["templates"]) t.add({cell(tpl["id"]), cell(tpl["name"]), cell(tpl["category"]), cell(tpl["description"])});
    t.print(std::cout, "no templates");
    return 0;
}

int show(ClientCall& c) {
    const auto& id = positional(c.args, 1, "TEMPLATE");
    expectAtMost(c.args, 2);
    for (const auto& tpl : c.api.get("/api/templates")["templates"]) {
        if (tpl["id"] != id) continue;
        if (c.json) return printJson(tpl), 0;
        std::cout << cell(tpl["name"]) << ": " << cell(tpl["description"]) << "\n";
        Table t({"INPUT", "TYPE", "DEFAULT", "REQUIRED", "WHAT"});
        for (const auto& i : tpl["inputs"])
            t.add({cell(i["name"]), cell(i["type"]), i["default"] == "" ? "-" : cell(i["default"]), i["required"] == true ? "yes" : "no", cell(i["label"])});
        t.print(std::cout, "no inputs");
        for (const auto& s : tpl["secrets"]) std::cout << "generated secret " << cell(s["name"]) << "\n";
        return 0;
    }
    throw ApiError(404, "no template \"" + id + "\"");
}

int deploy(ClientCall& c) {
    const auto& id = positional(c.args, 1, "TEMPLATE");
    expectAtMost(c.args, 2);
    json body{{"inputs", keyValueOption(c.args, "input")}};
    if (auto n = c.args.option("name")) body["name"] = *n;
    auto r = c.api.call("POST", "/api/templates/" + pathSegment(id) + "/deploy", body);
    if (c.json) return printJson(r), 0;
    for (const auto& s : r["deploy"]["services"]) std::cout << cell(s["service"]) << ": " << cell(s["outcome"]) << "\n";
    std::cout << "stack " << cell(r["stack"]["name"]) << " deployed (revision #" << r["deploy"]["revision"].get<int>() << ")\n";
    return 0;
}

}  // namespace

int runTemplates(const std::vector<std::string>& argv) {
    return runSubcommands(argv, "templates", {{"ls", list}, {"list", list}, {"show", show}, {"deploy", deploy}});
}

}  // namespace rivetr::cli
