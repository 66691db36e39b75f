// Stacks as JSON: one place for field names, so routes, OpenAPI and dashboard agree.
#include "api/stacks/stack_json.hpp"

#include "api/http/api_errors.hpp"

namespace rivetr::api {

using nlohmann::json;

namespace {

json optionalText(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json serviceStateJson(const stacks::StackServiceState& s) {
    return {{"service", s.service}, {"container", s.containerName}, {"id", s.containerId}, {"image", s.image},
            {"state", s.state.empty() ? "missing" : s.state}, {"health", s.health.empty() ? json(nullptr) : json(s.health)}};
}

store::StackVar varFrom(const std::string& key, const json& v, const std::vector<store::StackVar>& current) {
    if (v.is_string()) return {key, v.get<std::string>(), false};
    if (!v.is_object()) throw ValidationError("env." + key, "a variable is a string or {\"value\", \"secret\"}");
    bool secret = v.contains("secret") && v["secret"].is_boolean() && v["secret"].get<bool>();
    const json& value = v.contains("value") ? v["value"] : json(nullptr);
    if (value.is_string()) return {key, value.get<std::string>(), secret};
    auto kept = std::find_if(current.begin(), current.end(), [&](const store::StackVar& c) { return c.key == key; });
    if (value.is_null() && kept != current.end()) return {key, kept->value, secret || kept->secret};
    throw ValidationError("env." + key, "a variable needs a string value (null keeps a stored secret)");
}

}  // namespace

json stackSummaryJson(const stacks::StackSummary& s) {
    json services = json::array();
    for (const auto& st : s.services) services.push_back(serviceStateJson(st));
    json last = s.lastRevision ? stackRevisionJson(*s.lastRevision) : json(nullptr);
    return {{"name", s.name}, {"source", s.source}, {"config_file", s.configFile}, {"status", s.status},
            {"running", s.running}, {"services", services}, {"last_revision", last}};
}

json stackDetailJson(const stacks::StackDetail& d) {
    json out = stackSummaryJson(d.summary);
    json env = json::object();
    for (const auto& v : d.vars) env[v.key] = {{"value", v.secret ? json(nullptr) : json(v.value)}, {"secret", v.secret}};
    out["compose_file"] = d.composeFile;
    out["compose"] = d.compose;
    out["env_file"] = optionalText(d.envFile);
    out["env"] = env;
    out["deployed"] = d.deployed ? stackRevisionJson(*d.deployed) : json(nullptr);
    return out;
}

json stackRevisionJson(const store::StackRevision& r) {
    return {{"revision", r.revision}, {"status", r.status}, {"error", optionalText(r.error)}, {"service", optionalText(r.service)},
            {"actor", r.actor}, {"started_at", r.startedAt}, {"finished_at", r.finishedAt ? json(*r.finishedAt) : json(nullptr)},
            {"compose", r.compose}, {"env_file", optionalText(r.envFile)}};
}

json stackDeployJson(const stacks::StackDeployOutcome& o) {
    json services = json::array();
    for (const auto& s : o.result.services)
        services.push_back({{"service", s.service}, {"container", s.containerName}, {"id", s.containerId}, {"outcome", stacks::outcomeName(s.outcome)}});
    return {{"revision", o.revision}, {"services", services}, {"removed_orphans", o.result.removedOrphans}, {"recovered", o.result.recovered}};
}

json stackDownJson(const stacks::DownResult& d) {
    return {{"removed_containers", d.removedContainers}, {"removed_networks", d.removedNetworks},
            {"removed_volumes", d.removedVolumes}, {"kept_volumes", d.keptVolumes}};
}

json composeIssuesJson(const std::vector<stacks::ComposeIssue>& issues) {
    json out = json::array();
    for (const auto& i : issues) out.push_back(i.toJson());
    return out;
}

std::vector<store::StackVar> stackVarsFrom(const json& env, const std::vector<store::StackVar>& current) {
    if (!env.is_object()) throw ValidationError("env", "env is an object of variables");
    std::vector<store::StackVar> out;
    for (auto it = env.begin(); it != env.end(); ++it) out.push_back(varFrom(it.key(), it.value(), current));
    return out;
}

}  // namespace rivetr::api
