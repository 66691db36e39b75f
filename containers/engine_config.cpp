// Between the manager's container config and the engine's documents: the create body, and the config read back from an inspect.
#include "containers/engine_config.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;

const Json& at(const Json& j, const char* key) {
    static const Json null;
    auto it = j.is_object() ? j.find(key) : j.end();
    return (j.is_object() && it != j.end()) ? *it : null;
}

std::string str(const Json& j, const char* key) {
    const Json& v = at(j, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

std::vector<std::string> strings(const Json& j) {
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

// A list the config names: set when it has entries; emptied when the base had some (an edit cleared
// it); otherwise the base's own null or [] stays, so a clone shows exactly what the original showed.
void setList(Json& obj, const char* key, const Json& list) {
    if (!list.empty() || (obj.contains(key) && obj[key].is_array() && !obj[key].empty())) obj[key] = list;
}

Json deviceJson(const std::string& spec) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t colon; (colon = spec.find(':', start)) != std::string::npos; start = colon + 1)
        parts.push_back(spec.substr(start, colon - start));
    parts.push_back(spec.substr(start));
    std::string inContainer = parts.size() > 1 && !parts[1].empty() && parts[1][0] == '/' ? parts[1] : parts[0];
    std::string perms = parts.size() > 1 && parts.back()[0] != '/' ? parts.back() : "rwm";
    return {{"PathOnHost", parts[0]}, {"PathInContainer", inContainer}, {"CgroupPermissions", perms}};
}

Json healthJson(const HealthcheckSpec& h) {
    Json j = {{"Test", h.test}};
    if (h.intervalNs) j["Interval"] = h.intervalNs;
    if (h.timeoutNs) j["Timeout"] = h.timeoutNs;
    if (h.startPeriodNs) j["StartPeriod"] = h.startPeriodNs;
    if (h.retries) j["Retries"] = h.retries;
    return j;
}

void setOrErase(Json& obj, const char* key, bool set, const Json& value) {
    if (set) obj[key] = value;
    else obj.erase(key);
}

Json configBody(const ContainerConfig& c) {
    Json body = c.engineConfig.is_object() ? c.engineConfig : Json::object();
    body["Image"] = c.image;
    setOrErase(body, "Cmd", c.command.has_value(), c.command ? Json(*c.command) : Json());
    setOrErase(body, "Entrypoint", c.entrypoint.has_value(), c.entrypoint ? Json(*c.entrypoint) : Json());
    Json env = Json::array();
    for (const auto& [k, v] : c.env) env.push_back(k + "=" + v);
    body["Env"] = env;
    body["Labels"] = c.labels;
    setOrErase(body, "User", !c.user.empty(), c.user);
    setOrErase(body, "Healthcheck", c.healthcheck.has_value(), c.healthcheck ? healthJson(*c.healthcheck) : Json());
    for (const auto& p : c.ports) body["ExposedPorts"][std::to_string(p.container) + "/" + p.protocol] = Json::object();
    return body;
}

void mountsInto(Json& h, const ContainerConfig& c) {
    Json binds = Json::array(), mounts = Json::array();
    for (const auto& m : c.mounts) {
        if (!m.bindEntry.empty()) {
            binds.push_back(m.bindEntry);
            continue;
        }
        Json j = m.engineExtra.is_object() ? m.engineExtra : Json::object();
        j["Type"] = m.type;
        j["Target"] = m.target;
        if (!m.source.empty()) j["Source"] = m.source;
        if (m.readOnly) j["ReadOnly"] = true;
        else j.erase("ReadOnly");
        mounts.push_back(j);
    }
    setList(h, "Binds", binds);
    setList(h, "Mounts", mounts);
}

Json hostConfigBody(const ContainerConfig& c) {
    Json h = c.engineHostConfig.is_object() ? c.engineHostConfig : Json::object();
    mountsInto(h, c);
    Json bindings = Json::object();
    for (const auto& p : c.ports)
        bindings[std::to_string(p.container) + "/" + p.protocol].push_back(
            {{"HostIp", p.hostIp}, {"HostPort", p.host ? std::to_string(p.host) : ""}});
    h["PortBindings"] = bindings;
    bool keepUnnamed = c.restartPolicy == "no" && str(at(h, "RestartPolicy"), "Name").empty() && h.contains("RestartPolicy");
    if (!keepUnnamed) h["RestartPolicy"] = {{"Name", c.restartPolicy}, {"MaximumRetryCount", c.restartMaxRetries}};
    h["Memory"] = c.memory;
    h["NanoCpus"] = c.cpus > 0 ? std::llround(c.cpus * 1e9) : 0;
    h["Privileged"] = c.privileged;
    setList(h, "CapAdd", c.capAdd);
    setList(h, "SecurityOpt", c.securityOpt);
    Json devices = Json::array();
    for (const auto& d : c.devices) devices.push_back(deviceJson(d));
    setList(h, "Devices", devices);
    h["PidMode"] = c.pidMode;
    setOrErase(h, "IpcMode", !c.ipcMode.empty(), c.ipcMode);
    return h;
}

bool isPrimary(const NetworkSpec& n, const std::string& mode) {
    return n.name == mode || (mode == "default" && n.name == "bridge");
}

Json endpointJson(const NetworkSpec& n) {
    Json e = {{"Aliases", n.aliases.empty() ? Json(nullptr) : Json(n.aliases)}};
    if (!n.ipv4Address.empty()) e["IPAMConfig"]["IPv4Address"] = n.ipv4Address;
    if (!n.ipv6Address.empty()) e["IPAMConfig"]["IPv6Address"] = n.ipv6Address;
    return e;
}

}  // namespace

CreatePlan toCreatePlan(const ContainerConfig& c) {
    CreatePlan plan{c.name, configBody(c), {}};
    Json h = hostConfigBody(c);
    std::string mode = c.networkMode.empty() && !c.networks.empty() ? c.networks.front().name : c.networkMode;
    setOrErase(h, "NetworkMode", !mode.empty(), mode);
    plan.body["HostConfig"] = h;
    plan.body.erase("NetworkingConfig");
    for (const auto& n : c.networks) {
        if (isPrimary(n, mode) && !plan.body.contains("NetworkingConfig"))
            plan.body["NetworkingConfig"]["EndpointsConfig"][n.name] = endpointJson(n);
        else
            plan.laterNetworks.push_back(n);
    }
    return plan;
}

namespace {

// Entries of the container's list that its image does not have (what the container set itself).
std::vector<std::string> minusImage(const Json& mine, const Json& image) {
    std::vector<std::string> out, theirs = strings(image);
    for (const auto& e : strings(mine))
        if (std::find(theirs.begin(), theirs.end(), e) == theirs.end()) out.push_back(e);
    return out;
}

void eraseInherited(Json& cfg, const Json& imageCfg) {
    for (const char* key : {"WorkingDir", "StopSignal", "OnBuild", "Shell"})
        if (cfg.contains(key) && at(imageCfg, key) == cfg[key]) cfg.erase(key);
    for (const char* key : {"ExposedPorts", "Volumes"}) {
        if (!cfg.contains(key) || !cfg[key].is_object()) continue;
        for (auto it = at(imageCfg, key).begin(); at(imageCfg, key).is_object() && it != at(imageCfg, key).end(); ++it)
            cfg[key].erase(it.key());
    }
}

void typedConfig(ContainerConfig& c, const Json& cfg, const Json& imageCfg) {
    for (const auto& e : minusImage(at(cfg, "Env"), at(imageCfg, "Env"))) {
        auto eq = e.find('=');
        c.env.emplace_back(e.substr(0, eq), eq == std::string::npos ? "" : e.substr(eq + 1));
    }
    auto own = [&](const char* key) { return !at(cfg, key).is_null() && at(cfg, key) != at(imageCfg, key); };
    if (own("Cmd")) c.command = strings(at(cfg, "Cmd"));
    if (own("Entrypoint")) c.entrypoint = strings(at(cfg, "Entrypoint"));
    if (own("User")) c.user = str(cfg, "User");
    if (own("Healthcheck")) {
        const Json& h = at(cfg, "Healthcheck");
        auto ns = [&](const char* k) { return at(h, k).is_number() ? at(h, k).get<std::int64_t>() : 0; };
        c.healthcheck = HealthcheckSpec{strings(at(h, "Test")), ns("Interval"), ns("Timeout"), ns("StartPeriod"),
                                        static_cast<int>(ns("Retries"))};
    }
    const Json& labels = at(cfg, "Labels");
    for (auto it = labels.begin(); labels.is_object() && it != labels.end(); ++it)
        if (it->is_string() && at(at(imageCfg, "Labels"), it.key().c_str()) != *it) c.labels[it.key()] = it->get<std::string>();
}

MountSpec mountFromBind(const std::string& entry) {
    MountSpec m;
    m.bindEntry = entry;
    auto first = entry.find(':');
    m.source = entry.substr(0, first);
    auto second = first == std::string::npos ? std::string::npos : entry.find(':', first + 1);
    m.target = first == std::string::npos ? "" : entry.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
    std::string opts = second == std::string::npos ? "" : entry.substr(second + 1);
    m.type = !m.source.empty() && m.source[0] == '/' ? "bind" : "volume";
    m.readOnly = std::regex_search(opts, std::regex("(^|,)ro(,|$)"));
    return m;
}

void typedHostConfig(ContainerConfig& c, const Json& h) {
    for (const auto& b : strings(at(h, "Binds"))) c.mounts.push_back(mountFromBind(b));
    for (const auto& m : at(h, "Mounts").is_array() ? at(h, "Mounts") : Json::array()) {
        MountSpec s{str(m, "Type"), str(m, "Source"), str(m, "Target"), at(m, "ReadOnly") == true, "", m};
        for (const char* k : {"Type", "Source", "Target", "ReadOnly"}) s.engineExtra.erase(k);
        c.mounts.push_back(std::move(s));
    }
    const Json& bindings = at(h, "PortBindings");
    for (auto it = bindings.begin(); bindings.is_object() && it != bindings.end(); ++it) {
        auto slash = it.key().find('/');
        for (const auto& b : it->is_array() ? *it : Json::array())
            c.ports.push_back({std::atoi(it.key().c_str()), std::atoi(str(b, "HostPort").c_str()), str(b, "HostIp"),
                               slash == std::string::npos ? "tcp" : it.key().substr(slash + 1)});
    }
    const Json& restart = at(h, "RestartPolicy");
    c.restartPolicy = str(restart, "Name").empty() ? "no" : str(restart, "Name");
    c.restartMaxRetries = at(restart, "MaximumRetryCount").is_number() ? at(restart, "MaximumRetryCount").get<int>() : 0;
    c.memory = at(h, "Memory").is_number() ? at(h, "Memory").get<std::int64_t>() : 0;
    c.cpus = at(h, "NanoCpus").is_number() ? at(h, "NanoCpus").get<double>() / 1e9 : 0;
    c.privileged = at(h, "Privileged") == true;
    c.capAdd = strings(at(h, "CapAdd"));
    c.securityOpt = strings(at(h, "SecurityOpt"));
    for (const auto& d : at(h, "Devices").is_array() ? at(h, "Devices") : Json::array())
        c.devices.push_back(str(d, "PathOnHost") + ":" + str(d, "PathInContainer") + ":" + str(d, "CgroupPermissions"));
    c.networkMode = str(h, "NetworkMode");
    c.pidMode = str(h, "PidMode");
    c.ipcMode = str(h, "IpcMode");
}

void typedNetworks(ContainerConfig& c, const Json& container) {
    if (usesOwnNetworkStack(c.networkMode)) return;  // its "host"/"none" endpoint is the mode itself
    std::string shortId = str(container, "Id").substr(0, 12);
    const Json& nets = at(at(container, "NetworkSettings"), "Networks");
    for (auto it = nets.begin(); nets.is_object() && it != nets.end(); ++it) {
        NetworkSpec n{it.key(), {}, str(at(*it, "IPAMConfig"), "IPv4Address"), str(at(*it, "IPAMConfig"), "IPv6Address")};
        for (const auto& a : strings(at(*it, "Aliases")))
            if (a != shortId) n.aliases.push_back(a);  // the engine adds the short id itself on start
        if (isPrimary(n, c.networkMode)) c.networks.insert(c.networks.begin(), std::move(n));
        else c.networks.push_back(std::move(n));
    }
}

}  // namespace

ContainerConfig configFromInspect(const Json& container, const Json& image) {
    ContainerConfig c;
    c.name = str(container, "Name");
    if (!c.name.empty() && c.name[0] == '/') c.name.erase(0, 1);
    c.engineConfig = at(container, "Config").is_object() ? at(container, "Config") : Json::object();
    c.engineHostConfig = at(container, "HostConfig").is_object() ? at(container, "HostConfig") : Json::object();
    const Json& imageCfg = at(image, "Config");
    c.image = str(c.engineConfig, "Image");
    typedConfig(c, c.engineConfig, imageCfg);
    typedHostConfig(c, c.engineHostConfig);
    typedNetworks(c, container);
    // Engine-made values: the hostname defaults to the short id, the swap limit to twice the memory.
    if (str(c.engineConfig, "Hostname") == str(container, "Id").substr(0, 12)) c.engineConfig.erase("Hostname");
    const Json& swap = at(c.engineHostConfig, "MemorySwap");
    if (swap.is_number() && c.memory > 0 && swap.get<std::int64_t>() == 2 * c.memory) c.engineHostConfig.erase("MemorySwap");
    eraseInherited(c.engineConfig, imageCfg);
    return c;
}

void keepAnonymousVolumes(ContainerConfig& config, const Json& container) {
    static const std::regex anonymous("[0-9a-f]{64}");
    for (const auto& m : at(container, "Mounts").is_array() ? at(container, "Mounts") : Json::array()) {
        std::string name = str(m, "Name"), target = str(m, "Destination");
        if (str(m, "Type") != "volume" || !std::regex_match(name, anonymous)) continue;
        bool covered = std::any_of(config.mounts.begin(), config.mounts.end(), [&](const MountSpec& s) { return s.target == target; });
        if (!covered) config.mounts.push_back({"volume", name, target, !(at(m, "RW") == true), "", Json::object()});
    }
}

}  // namespace rivetr::containers
