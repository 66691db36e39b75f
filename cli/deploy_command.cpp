// `rivetr deploy APP [--commit SHA] [--wait]`: starts a deployment, optionally following it to its end.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/deployment_follow.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {

int runDeploy(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("deploy"), [](ClientCall& c) {
        const auto& app = positional(c.args, 0, "APP");
        expectAtMost(c.args, 1);
        nlohmann::json body = nlohmann::json::object();
        if (auto commit = c.args.option("commit")) body["commit"] = *commit;
        auto started = c.api.call("POST", "/api/apps/" + pathSegment(app) + "/deploy", body);
        auto id = started["deployment_id"].get<std::string>();
        if (c.args.has("wait")) {
            if (!c.json) std::cout << "deploying " << app << ": deployment " << id << "\n";
            return followDeployment(c.api, id, c.json);
        }
        if (c.json) return printJson(started), 0;
        std::cout << "deploying " << app << ": deployment " << id << " (follow with `rivetr deployments " << app
                  << "`)\n";
        return 0;
    });
}

}  // namespace rivetr::cli
