// `rivetr status`: is the server up (database, container runtime) and how many apps are live.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {

int runStatus(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("status"), [](ClientCall& c) {
        expectAtMost(c.args, 0);
        auto health = c.api.get("/health");
        auto apps = c.api.get("/api/apps");
        int live = 0;
        for (const auto& a : apps) live += a.value("live_deployment_id", nlohmann::json()).is_null() ? 0 : 1;
        if (c.json) {
            printJson({{"url", c.api.baseUrl()}, {"health", health}, {"apps", apps.size()}, {"live_apps", live}});
            return 0;
        }
        printFields(std::cout, {{"server", c.api.baseUrl()},
                                {"status", cell(health.value("status", nlohmann::json()))},
                                {"version", cell(health.value("version", nlohmann::json()))},
                                {"database", cell(health.value("db", nlohmann::json()))},
                                {"runtime", cell(health.value("runtime", nlohmann::json()))},
                                {"apps", std::to_string(apps.size()) + " (" + std::to_string(live) + " live)"}});
        return 0;
    });
}

}  // namespace rivetr::cli
