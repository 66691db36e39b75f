// `rivetr domains add|remove APP DOMAIN`: edits an app's domain list (read, change, write back).
#include <algorithm>
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {

int runDomains(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("domains"), [](ClientCall& c) {
        const auto& sub = positional(c.args, 0, "subcommand (add or remove)");
        if (sub != "add" && sub != "remove") throw UsageError("unknown domains subcommand \"" + sub + "\"");
        const auto& app = positional(c.args, 1, "APP");
        const auto& domain = positional(c.args, 2, "DOMAIN");
        expectAtMost(c.args, 3);
        auto path = "/api/apps/" + pathSegment(app);
        auto domains = c.api.get(path)["domains"].get<std::vector<std::string>>();
        auto it = std::find(domains.begin(), domains.end(), domain);
        if (sub == "add" && it != domains.end()) throw OperationFailed(domain + " is already a domain of " + app);
        if (sub == "remove" && it == domains.end()) throw OperationFailed(domain + " is not a domain of " + app);
        if (sub == "add") domains.push_back(domain);
        if (sub == "remove") domains.erase(it);
        auto updated = c.api.call("PUT", path, {{"domains", domains}});
        if (c.json) return printJson(updated), 0;
        std::cout << (sub == "add" ? "added " : "removed ") << domain << "; " << app << " now answers on: ";
        auto now = updated["domains"];
        if (now.empty()) std::cout << "(no domains)";
        for (size_t i = 0; i < now.size(); ++i) std::cout << (i ? ", " : "") << cell(now[i]);
        std::cout << "\n";
        return 0;
    });
}

}  // namespace rivetr::cli
