// `rivetr env list|set|unset`: an app's environment; secret values are never printed.
#include <iostream>
#include <map>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/dotenv.hpp"
#include "cli/output.hpp"
#include "core/text.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string envPath(const std::string& app) { return "/api/apps/" + pathSegment(app) + "/env"; }

void printVars(const json& vars) {
    Table t({"KEY", "VALUE", "SECRET", "BUILD TIME"});
    for (const auto& v : vars) {
        t.add({cell(v["key"]), cell(v["value"]), v.value("secret", false) ? "yes" : "no",
               v.value("build_time", false) ? "yes" : "no"});
    }
    t.print(std::cout, "no variables");
}

int list(ClientCall& c) {
    expectAtMost(c.args, 2);
    auto vars = c.api.get(envPath(positional(c.args, 1, "APP")));
    if (c.json) return printJson(vars), 0;
    printVars(vars);
    return 0;
}

std::vector<EnvPair> readFile(const std::string& path) {
    auto text = readWholeFile(path);
    if (!text) throw OperationFailed("cannot read " + path);
    return parseDotenv(*text);
}

// Merges into what the server has, because PUT replaces the whole set; untouched secrets are sent
// back as their mask, which the server keeps as the stored value.
int set(ClientCall& c) {
    const auto& app = positional(c.args, 1, "APP");
    std::vector<EnvPair> pairs;
    if (auto file = c.args.option("file")) pairs = readFile(*file);
    for (size_t i = 2; i < c.args.positional.size(); ++i) pairs.push_back(parseAssignment(c.args.positional[i]));
    if (pairs.empty()) throw UsageError("env set needs KEY=VALUE arguments or --file .env");
    bool redeploy = c.args.has("redeploy");
    if (c.args.has("wait") && !redeploy) throw UsageError("--wait follows the redeploy: give --redeploy too");
    auto current = c.api.get(envPath(app));
    std::map<std::string, json> merged;
    for (const auto& v : current) {
        merged[v["key"].get<std::string>()] = {{"key", v["key"]}, {"value", v["value"]}, {"secret", v["secret"]},
                                               {"build_time", v["build_time"]}};
    }
    for (const auto& [k, v] : pairs) {
        merged[k] = {{"key", k}, {"value", v}, {"secret", c.args.has("secret")}, {"build_time", c.args.has("build-time")}};
    }
    json vars = json::array();
    for (auto& [k, v] : merged) vars.push_back(v);
    auto result = c.api.call("PUT", envPath(app) + (redeploy ? "?redeploy=true" : ""), {{"vars", vars}});
    if (!c.json) {
        for (const auto& [k, v] : pairs) std::cout << "set " << k << (c.args.has("secret") ? " (secret)" : "") << "\n";
    }
    if (redeploy) return reportStarted(c, app, result, "redeploying " + app + " with the new values");
    if (c.json) return printJson(result), 0;
    std::cout << "the next deployment uses them (a restart does not): `rivetr redeploy " << app
              << "` releases them now\n";
    return 0;
}

int unset(ClientCall& c) {
    const auto& app = positional(c.args, 1, "APP");
    positional(c.args, 2, "KEY");
    json removed = json::array();
    for (size_t i = 2; i < c.args.positional.size(); ++i) {
        const auto& key = c.args.positional[i];
        c.api.call("DELETE", envPath(app) + "/" + pathSegment(key));
        removed.push_back(key);
        if (!c.json) std::cout << "unset " << key << "\n";
    }
    if (c.json) printJson({{"unset", removed}});
    return 0;
}

}  // namespace

int runEnv(const std::vector<std::string>& argv) {
    return runSubcommands(argv, "env", {{"list", list}, {"set", set}, {"unset", unset}});
}

}  // namespace rivetr::cli
