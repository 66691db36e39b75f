// `rivetr tokens create|list|revoke`: named API tokens (admin only); a new token is shown once.
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/number_option.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

int create(ClientCall& c) {
    expectAtMost(c.args, 2);
    json body{{"name", positional(c.args, 1, "NAME")}};
    if (auto role = c.args.option("role")) body["role"] = *role;
    if (auto days = numberOption(c.args, "expires-in-days")) body["expires_in_days"] = *days;
    auto t = c.api.call("POST", "/api/tokens", body);
    if (c.json) return printJson(t), 0;
    printFields(std::cout, {{"id", cell(t["id"])},
                            {"name", cell(t["name"])},
                            {"role", cell(t["role"])},
                            {"expires", cell(t["expires_at"])},
                            {"token", cell(t["token"])}});
    std::cout << "Store the token now: it is not shown again.\n";
    return 0;
}

// The user who owns the token (it ends with their access), "admin token", or "-" for tokens older than owners.
std::string ownerCell(const json& owner) {
    if (!owner.is_object()) return "-";
    if (owner.value("type", "") == "admin_token") return "admin token";
    return cell(owner["name"]);
}

int list(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto tokens = c.api.get("/api/tokens");
    if (c.json) return printJson(tokens), 0;
    Table t({"ID", "NAME", "ROLE", "OWNER", "PREFIX", "CREATED", "EXPIRES", "LAST USED", "REVOKED"});
    for (const auto& k : tokens) {
        t.add({cell(k["id"]), cell(k["name"]), cell(k["role"]), ownerCell(k["owner"]), cell(k["prefix"]), cell(k["created_at"]),
               cell(k["expires_at"]), cell(k["last_used_at"]), cell(k["revoked_at"])});
    }
    t.print(std::cout, "no tokens");
    return 0;
}

int revoke(ClientCall& c) {
    expectAtMost(c.args, 2);
    const auto& id = positional(c.args, 1, "ID");
    c.api.call("DELETE", "/api/tokens/" + pathSegment(id));
    if (c.json) return printJson({{"revoked", id}}), 0;
    std::cout << "revoked token " << id << "\n";
    return 0;
}

}  // namespace

int runTokens(const std::vector<std::string>& argv) {
    return runSubcommands(argv, "tokens", {{"create", create}, {"list", list}, {"revoke", revoke}});
}

}  // namespace rivetr::cli
