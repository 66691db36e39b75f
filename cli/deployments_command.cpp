// `rivetr deployments APP`, `rivetr rollback APP [DEPLOYMENT] [--wait]` and `rivetr cancel DEPLOYMENT`.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/deployment_follow.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

json listFor(const ApiClient& api, const std::string& app) {
    return api.get("/api/apps/" + pathSegment(app) + "/deployments");
}

// The newest deployment older than the live one that a rollback can run (it went live and its image
// is kept): "the previous version".
std::string previousDeployment(const json& deployments, const std::string& app) {
    bool pastLive = false;
    for (const auto& d : deployments) {
        if (pastLive && d.value("rollback_available", false)) return d["id"].get<std::string>();
        pastLive = pastLive || d.value("live", false);
    }
    if (!pastLive) throw OperationFailed(app + " has no live deployment to roll back from");
    throw OperationFailed(app + " has no earlier deployment that went live and whose image is kept");
}

std::string chooseTarget(ClientCall& c, const std::string& app) {
    if (c.args.positional.size() < 2) return previousDeployment(listFor(c.api, app), app);
    const auto& id = c.args.positional[1];
    auto appId = c.api.get("/api/apps/" + pathSegment(app))["id"];
    auto d = c.api.get("/api/deployments/" + pathSegment(id));
    if (d["app_id"] != appId) throw OperationFailed("deployment " + id + " does not belong to " + app);
    return id;
}

}  // namespace

int runDeployments(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("deployments"), [](ClientCall& c) {
        const auto& app = positional(c.args, 0, "APP");
        expectAtMost(c.args, 1);
        auto list = listFor(c.api, app);
        if (c.json) return printJson(list), 0;
        Table t({"ID", "STATUS", "LIVE", "COMMIT", "MESSAGE", "AUTHOR", "TRIGGER", "CREATED", "ERROR"});
        for (const auto& d : list) {
            t.add({cell(d["id"]), statusText(cell(d["status"])), d.value("live", false) ? "*" : "",
                   shortSha(d["commit_sha"]), headline(d["commit_message"]), authorName(d["commit_author"]),
                   cell(d["trigger"]), cell(d["created_at"]), cell(d["error"])});
        }
        t.print(std::cout, "no deployments yet: run `rivetr deploy " + app + "`");
        return 0;
    });
}

int runRollback(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("rollback"), [](ClientCall& c) {
        const auto& app = positional(c.args, 0, "APP");
        expectAtMost(c.args, 2);
        auto target = chooseTarget(c, app);
        auto started = c.api.call("POST", "/api/deployments/" + pathSegment(target) + "/rollback");
        auto id = started["deployment_id"].get<std::string>();
        if (!c.json) std::cout << "rolling " << app << " back to " << target << ": deployment " << id << "\n";
        if (c.args.has("wait")) return followDeployment(c.api, id, c.json);
        if (c.json) printJson(started);
        return 0;
    });
}

int runCancel(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("cancel"), [](ClientCall& c) {
        const auto& id = positional(c.args, 0, "DEPLOYMENT");
        expectAtMost(c.args, 1);
        auto reply = c.api.call("POST", "/api/deployments/" + pathSegment(id) + "/cancel");
        if (c.json) return printJson(reply), 0;
        std::cout << "cancelling deployment " << id << "\n";
        return 0;
    });
}

}  // namespace rivetr::cli
