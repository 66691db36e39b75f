// `rivetr apps list|show|create|delete`: the apps a server runs.
#include <iostream>
#include <sstream>

#include "cli/client_command.hpp"
#include "cli/client_commands.hpp"
#include "cli/command_registry.hpp"
#include "cli/number_option.hpp"
#include "cli/output.hpp"

namespace rivetr::cli {
namespace {

using nlohmann::json;

std::string joined(const json& arr) {
    std::string out;
    for (const auto& v : arr) out += (out.empty() ? "" : ",") + cell(v);
    return out.empty() ? "-" : out;
}

std::vector<std::string> splitCommas(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

int list(ClientCall& c) {
    expectAtMost(c.args, 1);
    auto apps = c.api.get("/api/apps");
    if (c.json) return printJson(apps), 0;
    Table t({"NAME", "ID", "BRANCH", "PORT", "DOMAINS", "LIVE DEPLOYMENT"});
    for (const auto& a : apps) {
        t.add({cell(a["name"]), cell(a["id"]), cell(a["branch"]), cell(a["port"]), joined(a["domains"]),
               cell(a["live_deployment_id"])});
    }
    t.print(std::cout, "no apps yet: create one with `rivetr apps create NAME --git-url URL --port N`");
    return 0;
}

void printApp(const json& a) {
    const auto& h = a["healthcheck"];
    std::vector<std::pair<std::string, std::string>> fields{
        {"name", cell(a["name"])},
        {"id", cell(a["id"])},
        // The server never returns the credentials themselves, only whether there are some.
        {"git url", cell(a["git_url"]) + (a.value("has_git_credentials", false) ? " (credentials stored)" : "")},
        {"branch", cell(a["branch"])},
        {"port", cell(a["port"])},
        {"domains", joined(a["domains"])},
        {"build type", cell(a["build_type"])},
        {"deploy on push", a.value("auto_deploy", true) ? "yes" : "no (webhook pushes are recorded and ignored)"},
        {"healthcheck", cell(h["type"]) + " " + cell(h["path"]) + " (retries " + cell(h["retries"]) + ")"},
        {"live deployment", cell(a["live_deployment_id"])},
        {"created", cell(a["created_at"])}};
    if (a.contains("webhook_secret")) fields.emplace_back("webhook secret", cell(a["webhook_secret"]));
    printFields(std::cout, fields);
}

int show(ClientCall& c) {
    expectAtMost(c.args, 2);
    auto app = c.api.get("/api/apps/" + pathSegment(positional(c.args, 1, "APP")));
    if (c.json) return printJson(app), 0;
    printApp(app);
    return 0;
}

json createBody(const ClientCall& c) {
    const auto& a = c.args;
    auto gitUrl = a.option("git-url");
    auto port = numberOption(a, "port");
    if (!gitUrl) throw UsageError("apps create needs --git-url URL");
    if (!port) throw UsageError("apps create needs --port N");
    json body{{"name", positional(a, 1, "NAME")}, {"git_url", *gitUrl}, {"port", *port}};
    if (auto v = a.option("branch")) body["branch"] = *v;
    if (auto v = a.option("domains")) body["domains"] = splitCommas(*v);
    if (auto v = a.option("build-type")) body["build_type"] = *v;
    if (auto v = a.option("dockerfile-path")) body["dockerfile_path"] = *v;
    json health = json::object();
    if (auto v = a.option("healthcheck-path")) health["path"] = *v;
    if (auto v = numberOption(a, "healthcheck-retries")) health["retries"] = *v;
    if (auto v = numberOption(a, "healthcheck-interval-ms")) health["interval_ms"] = *v;
    if (!health.empty()) body["healthcheck"] = health;
    return body;
}

int create(ClientCall& c) {
    expectAtMost(c.args, 2);
    auto app = c.api.call("POST", "/api/apps", createBody(c));
    if (c.json) return printJson(app), 0;
    std::cout << "created app " << cell(app["name"]) << " (" << cell(app["id"]) << ")\n";
    printApp(app);
    return 0;
}

int remove(ClientCall& c) {
    expectAtMost(c.args, 2);
    const auto& name = positional(c.args, 1, "APP");
    c.api.call("DELETE", "/api/apps/" + pathSegment(name));
    if (c.json) return printJson({{"deleted", name}}), 0;
    std::cout << "deleted app " << name << "\n";
    return 0;
}

}  // namespace

int runApps(const std::vector<std::string>& argv) {
    return runSubcommands(argv, "apps", {{"list", list}, {"show", show}, {"create", create}, {"delete", remove}});
}

}  // namespace rivetr::cli
