// `rivetr webhooks deliveries APP` (what each webhook delivery did) and `rivetr webhooks test APP` (a signed ping).
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string branchOf(const json& ref) {
    auto r = cell(ref);
    const std::string heads = "refs/heads/";
    return r.rfind(heads, 0) == 0 ? r.substr(heads.size()) : r;
}

int listDeliveries(ClientCall& c, const std::string& app) {
    auto reply = c.api.get("/api/apps/" + pathSegment(app) + "/webhooks/deliveries");
    if (c.json) return printJson(reply), 0;
    Table t({"RECEIVED", "PROVIDER", "EVENT", "BRANCH", "COMMIT", "RESULT", "HTTP", "DETAIL"});
    for (const auto& d : reply["deliveries"]) {
        auto detail = d["deployment_id"].is_string() ? cell(d["deployment_id"]) : cell(d["reason"]);
        t.add({cell(d["received_at"]), cell(d["provider"]), cell(d["event"]), branchOf(d["ref"]), shortSha(d["commit_sha"]),
               cell(d["result"]), cell(d["http_status"]), detail});
    }
    t.print(std::cout, "no webhook deliveries yet: add the hook on GitHub, GitLab or Gitea (payload URL " +
                           std::string("<public_url>/webhooks/<provider>, the app's webhook_secret as its secret), ") +
                           "or send one with `rivetr webhooks test " + app + "`");
    return 0;
}

int testDelivery(ClientCall& c, const std::string& app) {
    auto r = c.api.call("POST", "/api/apps/" + pathSegment(app) + "/webhooks/test");
    bool ok = r.value("ok", false);
    if (c.json) return printJson(r), ok ? 0 : 1;
    auto answer = r["status"].is_number() ? "HTTP " + cell(r["status"]) : std::string("no answer");
    std::cout << "sent a signed ping to " << cell(r["url"]) << ": " << answer << " in " << cell(r["duration_ms"]) << " ms\n"
              << cell(r["explanation"]) << "\n";
    if (r["warning"].is_string()) std::cout << "warning: " << cell(r["warning"]) << "\n";
    return ok ? 0 : 1;
}

}  // namespace

int runWebhooks(const std::vector<std::string>& argv) {
    return runClient(argv, commandArgSpec("webhooks"), [](ClientCall& c) {
        const auto& sub = positional(c.args, 0, "subcommand (deliveries or test)");
        if (sub != "deliveries" && sub != "test") throw UsageError("unknown webhooks subcommand \"" + sub + "\"");
        const auto& app = positional(c.args, 1, "APP");
        expectAtMost(c.args, 2);
        return sub == "deliveries" ? listDeliveries(c, app) : testDelivery(c, app);
    });
}

}  // namespace rivetr::cli
