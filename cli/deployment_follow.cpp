// Log streaming by polling /logs?after=N: simple, resumable, and good enough for a terminal.
#include "cli/deployment_follow.hpp"

#include <chrono>
#include <iostream>
#include <thread>

#include "cli/output.hpp"
#include "store/deployment_status.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

// Prints the lines after `after`; returns the deployment status the server reported with them.
std::string printNewLines(const ApiClient& api, const std::string& id, long long& after, std::ostream& out) {
    auto page = api.get("/api/deployments/" + pathSegment(id) + "/logs?after=" + std::to_string(after));
    for (const auto& l : page["lines"]) {
        after = std::max(after, l["id"].get<long long>());
        out << l["line"].get<std::string>() << "\n";
    }
    out.flush();
    return page["status"].get<std::string>();
}

}  // namespace

int followDeployment(const ApiClient& api, const std::string& id, bool json) {
    std::ostream& out = json ? std::cerr : std::cout;
    long long after = 0;
    while (!store::isTerminalStatus(printNewLines(api, id, after, out))) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    // The status was read before its lines: one more page catches the last ones.
    printNewLines(api, id, after, out);
    auto d = api.get("/api/deployments/" + pathSegment(id));
    auto status = d["status"].get<std::string>();
    if (json) printJson(d);
    using enum store::DeploymentStatus;
    if (store::hasStatus(status, Running) || store::hasStatus(status, Replaced)) {
        if (!json) std::cout << "deployment " << id << " is " << statusText(status) << "\n";
        return 0;
    }
    std::cerr << "rivetr: deployment " << id << " " << status;
    if (d["error"].is_string()) std::cerr << ": " << d["error"].get<std::string>();
    std::cerr << "\n";
    return 1;
}

}  // namespace rivetr::cli
