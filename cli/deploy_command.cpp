// `rivetr deploy APP [--commit SHA] [--wait]` and `rivetr redeploy APP [--wait]`: start a deployment, optionally following it to its end.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/deployment_follow.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {

// The server said 202 {deployment_id}: follow it (--wait) or say how to.
int reportStarted(ClientCall& c, const std::string& app, const nlohmann::json& started, const std::string& what) {
    auto id = started["deployment_id"].get<std::string>();
    if (c.args.has("wait")) {
        if (!c.json) std::cout << what << ": deployment " << id << "\n";
        return followDeployment(c.api, id, c.json);
    }
    if (c.json) return printJson(started), 0;
    std::cout << what << ": deployment " << id << " (follow with `rivetr deployments " << app << "`)\n";
    return 0;
}

int runDeploy(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("deploy"), [](ClientCall& c) {
        const auto& app = positional(c.args, 0, "APP");
        expectAtMost(c.args, 1);
        nlohmann::json body = nlohmann::json::object();
        if (auto commit = c.args.option("commit")) body["commit"] = *commit;
        auto started = c.api.call("POST", "/api/apps/" + pathSegment(app) + "/deploy", body);
        return reportStarted(c, app, started, "deploying " + app);
    });
}

// The live image again with the app's current environment (after `env set`): no rebuild.
int runRedeploy(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("redeploy"), [](ClientCall& c) {
        const auto& app = positional(c.args, 0, "APP");
        expectAtMost(c.args, 1);
        auto started = c.api.call("POST", "/api/apps/" + pathSegment(app) + "/redeploy");
        return reportStarted(c, app, started, "redeploying " + app + " with its current environment");
    });
}

}  // namespace rivetr::cli
