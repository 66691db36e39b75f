// `rivetr policy show|set`: the Docker create policy, the host directories non-admins may bind-mount (admin sets them).
#include <iostream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

void print(const json& p) {
    std::cout << "allowed bind roots (" << cell(p["source"]) << "):";
    if (p["allowed_bind_roots"].empty()) std::cout << " none: non-admins may mount named volumes only";
    std::cout << "\n";
    for (const auto& r : p["allowed_bind_roots"]) std::cout << "  " << cell(r) << "\n";
    std::cout << "safe capabilities:";
    for (const auto& c : p["safe_capabilities"]) std::cout << " " << cell(c);
    std::cout << "\n";
}

int show(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto p = c.api.get("/api/docker/policy");
    if (c.json) return printJson(p), 0;
    print(p);
    return 0;
}

int set(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto roots = c.args.all("bind-root");
    const bool clear = c.args.has("clear");
    if (clear == !roots.empty()) throw UsageError("policy set needs --bind-root PATH (repeatable) or --clear");
    // --clear forgets the saved list (null): the config file's [docker] allowed_bind_roots apply again.
    auto p = c.api.call("PUT", "/api/docker/policy", {{"allowed_bind_roots", clear ? json(nullptr) : json(roots)}});
    if (c.json) return printJson(p), 0;
    print(p);
    return 0;
}

}  // namespace

int runPolicy(const std::vector<std::string>& argv) {
    return runSubcommands(argv, "policy", {{"show", show}, {"set", set}});
}

}  // namespace rivetr::cli
