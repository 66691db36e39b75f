// A container's configuration in the manager's vocabulary: one checked setter per field, shared by create and edit.
#include "containers/container_config.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <regex>

#include "containers/container_error.hpp"

namespace rivetr::containers {
namespace {

using Json = nlohmann::json;
using Setter = std::function<void(const Json&, ContainerConfig&, const std::string& field)>;

bool safeText(const std::string& s) {
    return s.find('\0') == std::string::npos && s.find('\n') == std::string::npos;
}

std::string text(const Json& v, const std::string& field) {
    if (!v.is_string()) invalidField(field, field + " must be a string");
    std::string s = v.get<std::string>();
    if (!safeText(s)) invalidField(field, field + " must not contain NUL or line breaks");
    return s;
}

std::string matching(const Json& v, const std::string& field, const std::regex& pattern, const char* what) {
    std::string s = text(v, field);
    if (!std::regex_match(s, pattern)) invalidField(field, field + " must be " + what + " (got \"" + s + "\")");
    return s;
}

std::vector<std::string> texts(const Json& v, const std::string& field) {
    if (!v.is_array()) invalidField(field, field + " must be an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(text(v[i], field + "[" + std::to_string(i) + "]"));
    return out;
}

bool boolean(const Json& v, const std::string& field) {
    if (!v.is_boolean()) invalidField(field, field + " must be true or false");
    return v.get<bool>();
}

int integer(const Json& v, const std::string& field, int lo, int hi) {
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
        invalidField(field, field + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return v.get<int>();
}

void checkKeys(const Json& obj, const std::string& field, std::initializer_list<const char*> known) {
    if (!obj.is_object()) invalidField(field, field + " must be an object");
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; }))
            invalidField(field + "." + it.key(), "unknown field " + field + "." + it.key());
}

const std::regex kName("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
const std::regex kImage("[A-Za-z0-9][A-Za-z0-9_./:@-]{0,254}");
const std::regex kUser("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})?");
const std::regex kCapability("[A-Z][A-Z_]{1,31}");
const std::regex kIp("[0-9A-Fa-f.:]{2,45}");
const std::regex kMode("(host|none|private|shareable|bridge|default|container:[A-Za-z0-9][A-Za-z0-9_.-]{0,127}|[A-Za-z0-9][A-Za-z0-9_.-]{0,127})");

// "" stays "" (the engine's default); anything else must match.
std::string emptyOrMatching(const Json& v, const std::string& field, const std::regex& pattern, const char* what) {
    if (v.is_string() && v.get<std::string>().empty()) return {};
    return matching(v, field, pattern, what);
}

std::string absolutePath(const Json& v, const std::string& field) {
    std::string p = text(v, field);
    if (p.empty() || p[0] != '/') invalidField(field, field + " must be an absolute path");
    if (("/" + p + "/").find("/../") != std::string::npos) invalidField(field, field + " must not contain ..");
    return p;
}

PortSpec port(const Json& v, const std::string& f) {
    checkKeys(v, f, {"container", "host", "host_ip", "protocol"});
    if (!v.contains("container")) invalidField(f + ".container", f + ".container is required");
    PortSpec p;
    p.container = integer(v["container"], f + ".container", 1, 65535);
    if (v.contains("host") && !v["host"].is_null()) p.host = integer(v["host"], f + ".host", 0, 65535);
    if (v.contains("host_ip")) p.hostIp = v["host_ip"].is_null() ? "" : text(v["host_ip"], f + ".host_ip");
    if (!p.hostIp.empty() && !std::regex_match(p.hostIp, kIp)) invalidField(f + ".host_ip", f + ".host_ip must be an IP address");
    if (v.contains("protocol")) p.protocol = text(v["protocol"], f + ".protocol");
    if (p.protocol != "tcp" && p.protocol != "udp" && p.protocol != "sctp")
        invalidField(f + ".protocol", f + ".protocol must be tcp, udp or sctp");
    return p;
}

MountSpec mount(const Json& v, const std::string& f) {
    checkKeys(v, f, {"type", "source", "target", "read_only"});
    MountSpec m;
    m.type = v.contains("type") ? text(v["type"], f + ".type") : "";
    if (m.type != "volume" && m.type != "bind" && m.type != "tmpfs") invalidField(f + ".type", f + ".type must be volume, bind or tmpfs");
    if (!v.contains("target")) invalidField(f + ".target", f + ".target is required");
    m.target = absolutePath(v["target"], f + ".target");
    if (v.contains("read_only")) m.readOnly = boolean(v["read_only"], f + ".read_only");
    bool hasSource = v.contains("source") && !(v["source"].is_string() && v["source"].get<std::string>().empty());
    if (m.type == "bind") {
        if (!hasSource) invalidField(f + ".source", f + ".source is required for a bind mount");
        m.source = absolutePath(v["source"], f + ".source");
    } else if (m.type == "volume" && hasSource) {
        m.source = matching(v["source"], f + ".source", kName, "a volume name");
    } else if (m.type == "tmpfs" && hasSource) {
        invalidField(f + ".source", "a tmpfs mount has no source");
    }
    return m;
}

NetworkSpec network(const Json& v, const std::string& f) {
    NetworkSpec n;
    if (v.is_string()) {
        n.name = matching(v, f, kName, "a network name");
        return n;
    }
    checkKeys(v, f, {"name", "aliases", "ipv4_address", "ipv6_address"});
    if (!v.contains("name")) invalidField(f + ".name", f + ".name is required");
    n.name = matching(v["name"], f + ".name", kName, "a network name");
    if (v.contains("aliases")) {
        n.aliases = texts(v["aliases"], f + ".aliases");
        for (std::size_t i = 0; i < n.aliases.size(); ++i)
            matching(n.aliases[i], f + ".aliases[" + std::to_string(i) + "]", kName, "a host name");
    }
    if (v.contains("ipv4_address")) n.ipv4Address = emptyOrMatching(v["ipv4_address"], f + ".ipv4_address", kIp, "an IPv4 address");
    if (v.contains("ipv6_address")) n.ipv6Address = emptyOrMatching(v["ipv6_address"], f + ".ipv6_address", kIp, "an IPv6 address");
    return n;
}

std::optional<HealthcheckSpec> healthcheck(const Json& v, const std::string& f) {
    if (v.is_null()) return std::nullopt;
    checkKeys(v, f, {"test", "interval", "timeout", "start_period", "retries", "disable"});
    HealthcheckSpec h;
    if (v.contains("disable") && boolean(v["disable"], f + ".disable")) {
        h.test = {"NONE"};
        return h;
    }
    if (!v.contains("test")) invalidField(f + ".test", f + ".test is required");
    if (v["test"].is_string()) {
        h.test = {"CMD-SHELL", text(v["test"], f + ".test")};
    } else {
        h.test = texts(v["test"], f + ".test");
        if (h.test.empty() || (h.test[0] != "CMD" && h.test[0] != "CMD-SHELL" && h.test[0] != "NONE"))
            invalidField(f + ".test", f + ".test must start with CMD, CMD-SHELL or NONE");
    }
    auto duration = [&](const char* key, std::int64_t& out) {
        if (!v.contains(key)) return;
        auto ns = parseDuration(v[key]);
        if (!ns || *ns < 0) invalidField(f + "." + key, f + "." + key + " must be a duration such as \"30s\" or \"500ms\"");
        out = *ns;
    };
    duration("interval", h.intervalNs);
    duration("timeout", h.timeoutNs);
    duration("start_period", h.startPeriodNs);
    if (v.contains("retries")) h.retries = integer(v["retries"], f + ".retries", 0, 1000);
    return h;
}

std::int64_t memory(const Json& v, const std::string& f) {
    std::int64_t bytes = -1;
    if (v.is_number_integer()) bytes = v.get<std::int64_t>();
    if (v.is_string()) {
        static const std::regex size("([0-9]{1,12})([bkmg]?)", std::regex::icase);
        std::smatch m;
        std::string s = v.get<std::string>();
        if (std::regex_match(s, m, size)) {
            static const std::map<char, std::int64_t> unit{{'b', 1}, {'k', 1024}, {'m', 1 << 20}, {'g', 1 << 30}};
            char u = m[2].length() ? static_cast<char>(std::tolower(m[2].str()[0])) : 'b';
            bytes = std::stoll(m[1]) * unit.at(u);
        }
    }
    if (bytes != 0 && (bytes < 6 * 1024 * 1024 || bytes > (std::int64_t{1} << 50)))
        invalidField(f, f + " must be 0 (no limit) or a size of at least 6 MiB, in bytes or as \"512m\"");
    return bytes;
}

void restartPolicy(const Json& v, ContainerConfig& c, const std::string& f) {
    static const std::regex policy("(no|always|unless-stopped|on-failure)(:([0-9]{1,4}))?");
    std::smatch m;
    std::string s = text(v, f);
    if (!std::regex_match(s, m, policy) || (m[2].matched && m[1] != "on-failure"))
        invalidField(f, f + " must be no, always, unless-stopped, on-failure or on-failure:<retries>");
    c.restartPolicy = m[1];
    c.restartMaxRetries = m[3].matched ? std::stoi(m[3]) : 0;
}

std::vector<std::string> capabilities(const Json& v, const std::string& f) {
    std::vector<std::string> caps = texts(v, f);
    for (std::size_t i = 0; i < caps.size(); ++i) {
        for (auto& ch : caps[i]) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (caps[i].rfind("CAP_", 0) == 0) caps[i].erase(0, 4);
        if (!std::regex_match(caps[i], kCapability)) invalidField(f + "[" + std::to_string(i) + "]", "not a capability name");
    }
    return caps;
}

const std::map<std::string, Setter>& setters() {
    static const std::map<std::string, Setter> table{
        {"name", [](const Json& v, ContainerConfig& c, const std::string& f) { c.name = matching(v, f, kName, "a container name"); }},
        {"image", [](const Json& v, ContainerConfig& c, const std::string& f) {
             c.image = matching(v, f, kImage, "an image reference");
             if (c.image.find("..") != std::string::npos) invalidField(f, "image must not contain ..");
         }},
        {"command", [](const Json& v, ContainerConfig& c, const std::string& f) {
             c.command = v.is_null() ? std::nullopt : std::optional(texts(v, f));
         }},
        {"entrypoint", [](const Json& v, ContainerConfig& c, const std::string& f) {
             c.entrypoint = v.is_null() ? std::nullopt : std::optional(texts(v, f));
         }},
        {"env", [](const Json& v, ContainerConfig& c, const std::string& f) {
             if (!v.is_object()) invalidField(f, "env must be an object of names to string values");
             c.env.clear();
             for (auto it = v.begin(); it != v.end(); ++it) {
                 std::string key = it.key();
                 if (key.empty() || key.find('=') != std::string::npos || !safeText(key))
                     invalidField(f + "." + key, "invalid environment variable name");
                 c.env.emplace_back(key, text(*it, f + "." + key));
             }
         }},
        {"ports", [](const Json& v, ContainerConfig& c, const std::string& f) {
             if (!v.is_array()) invalidField(f, "ports must be an array");
             c.ports.clear();
             for (std::size_t i = 0; i < v.size(); ++i) c.ports.push_back(port(v[i], f + "[" + std::to_string(i) + "]"));
         }},
        {"mounts", [](const Json& v, ContainerConfig& c, const std::string& f) {
             if (!v.is_array()) invalidField(f, "mounts must be an array");
             c.mounts.clear();
             for (std::size_t i = 0; i < v.size(); ++i) c.mounts.push_back(mount(v[i], f + "[" + std::to_string(i) + "]"));
         }},
        {"networks", [](const Json& v, ContainerConfig& c, const std::string& f) {
             if (!v.is_array()) invalidField(f, "networks must be an array");
             c.networks.clear();
             for (std::size_t i = 0; i < v.size(); ++i) c.networks.push_back(network(v[i], f + "[" + std::to_string(i) + "]"));
         }},
        {"restart_policy", restartPolicy},
        {"memory", [](const Json& v, ContainerConfig& c, const std::string& f) { c.memory = memory(v, f); }},
        {"cpus", [](const Json& v, ContainerConfig& c, const std::string& f) {
             if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1024) invalidField(f, "cpus must be a number from 0 (no limit) to 1024");
             c.cpus = v.get<double>();
         }},
        {"labels", [](const Json& v, ContainerConfig& c, const std::string& f) {
             if (!v.is_object()) invalidField(f, "labels must be an object of names to string values");
             c.labels.clear();
             for (auto it = v.begin(); it != v.end(); ++it) {
                 if (it.key().empty() || !safeText(it.key())) invalidField(f + "." + it.key(), "invalid label name");
                 if (isReservedLabel(it.key())) invalidField(f + "." + it.key(), "labels under rivetr. are Rivetr's own");
                 c.labels[it.key()] = text(*it, f + "." + it.key());
             }
         }},
        {"user", [](const Json& v, ContainerConfig& c, const std::string& f) {
             c.user = text(v, f);
             if (!c.user.empty() && !std::regex_match(c.user, kUser)) invalidField(f, "user must be a name or uid, optionally :group");
         }},
        {"healthcheck", [](const Json& v, ContainerConfig& c, const std::string& f) { c.healthcheck = healthcheck(v, f); }},
        {"privileged", [](const Json& v, ContainerConfig& c, const std::string& f) { c.privileged = boolean(v, f); }},
        {"cap_add", [](const Json& v, ContainerConfig& c, const std::string& f) { c.capAdd = capabilities(v, f); }},
        {"devices", [](const Json& v, ContainerConfig& c, const std::string& f) {
             c.devices = texts(v, f);
             static const std::regex device("/dev/[^:]+(:/[^:]+)?(:[rwm]{1,3})?");
             for (std::size_t i = 0; i < c.devices.size(); ++i)
                 if (!std::regex_match(c.devices[i], device))
                     invalidField(f + "[" + std::to_string(i) + "]", "a device is /dev/<host>[:<container path>][:rwm]");
         }},
        {"security_opt", [](const Json& v, ContainerConfig& c, const std::string& f) { c.securityOpt = texts(v, f); }},
        {"network_mode", [](const Json& v, ContainerConfig& c, const std::string& f) { c.networkMode = emptyOrMatching(v, f, kMode, "a network mode"); }},
        {"pid_mode", [](const Json& v, ContainerConfig& c, const std::string& f) {
             c.pidMode = text(v, f);
             if (!c.pidMode.empty() && c.pidMode != "host" && c.pidMode.rfind("container:", 0) != 0)
                 invalidField(f, "pid_mode must be \"\", host or container:<name>");
         }},
        {"ipc_mode", [](const Json& v, ContainerConfig& c, const std::string& f) { c.ipcMode = emptyOrMatching(v, f, kMode, "an IPC mode"); }},
    };
    return table;
}

// What no single field can tell: the network mode and the networks must fit together.
void checkWhole(const ContainerConfig& c) {
    if (c.image.empty()) invalidField("image", "image is required");
    bool ownStack = usesOwnNetworkStack(c.networkMode);
    if (ownStack && !c.networks.empty())
        invalidField("networks", "a container with network_mode " + c.networkMode + " joins no networks");
    for (const auto& p : c.ports)
        if (ownStack && c.networkMode != "none" && p.host) invalidField("ports", "network_mode " + c.networkMode + " publishes no ports");
}

}  // namespace

bool isReservedLabel(const std::string& key) { return key.rfind("rivetr.", 0) == 0; }

bool usesOwnNetworkStack(const std::string& mode) {
    return mode == "host" || mode == "none" || mode.rfind("container:", 0) == 0;
}

void applyConfigPatch(ContainerConfig& config, const Json& patch) {
    if (!patch.is_object()) invalidField("", "the body must be a JSON object");
    const auto& table = setters();
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        auto s = table.find(it.key());
        if (s == table.end()) invalidField(it.key(), "unknown field " + it.key());
        s->second(*it, config, it.key());
    }
    // An edit to host/none/container: leaves the networks the container was on unless it names some.
    if (patch.contains("network_mode") && !patch.contains("networks") && usesOwnNetworkStack(config.networkMode))
        config.networks.clear();
    checkWhole(config);
}

ContainerConfig parseContainerConfig(const Json& body) {
    ContainerConfig c;
    applyConfigPatch(c, body);
    return c;
}

std::optional<std::int64_t> parseDuration(const Json& v) {
    if (v.is_number()) return static_cast<std::int64_t>(std::llround(v.get<double>() * 1e9));
    if (!v.is_string()) return std::nullopt;
    static const std::regex d("([0-9]{1,12})(ns|us|ms|s|m|h)");
    static const std::map<std::string, std::int64_t> unit{{"ns", 1}, {"us", 1000}, {"ms", 1000000},
                                                          {"s", 1000000000}, {"m", 60000000000}, {"h", 3600000000000}};
    std::smatch m;
    std::string s = v.get<std::string>();
    if (!std::regex_match(s, m, d)) return std::nullopt;
    return std::stoll(m[1]) * unit.at(m[2]);
}

std::string formatDuration(std::int64_t ns) {
    static const std::pair<std::int64_t, const char*> units[] = {
        {3600000000000, "h"}, {60000000000, "m"}, {1000000000, "s"}, {1000000, "ms"}, {1000, "us"}, {1, "ns"}};
    if (ns == 0) return "0s";
    for (const auto& [size, name] : units)
        if (ns % size == 0) return std::to_string(ns / size) + name;
    return std::to_string(ns) + "ns";
}

Json toApiJson(const ContainerConfig& c) {
    Json env = Json::object(), ports = Json::array(), mounts = Json::array(), networks = Json::array();
    for (const auto& [k, v] : c.env) env[k] = v;
    for (const auto& p : c.ports) ports.push_back({{"container", p.container}, {"host", p.host}, {"host_ip", p.hostIp}, {"protocol", p.protocol}});
    for (const auto& m : c.mounts)
        mounts.push_back({{"type", m.type}, {"source", m.source}, {"target", m.target}, {"read_only", m.readOnly}});
    for (const auto& n : c.networks)
        networks.push_back({{"name", n.name}, {"aliases", n.aliases}, {"ipv4_address", n.ipv4Address}, {"ipv6_address", n.ipv6Address}});
    Json health = nullptr;
    if (c.healthcheck)
        health = {{"test", c.healthcheck->test}, {"interval", formatDuration(c.healthcheck->intervalNs)},
                  {"timeout", formatDuration(c.healthcheck->timeoutNs)},
                  {"start_period", formatDuration(c.healthcheck->startPeriodNs)}, {"retries", c.healthcheck->retries}};
    std::string restart = c.restartPolicy + (c.restartMaxRetries ? ":" + std::to_string(c.restartMaxRetries) : "");
    return {{"name", c.name}, {"image", c.image}, {"command", c.command ? Json(*c.command) : Json(nullptr)},
            {"entrypoint", c.entrypoint ? Json(*c.entrypoint) : Json(nullptr)}, {"env", env}, {"ports", ports},
            {"mounts", mounts}, {"networks", networks}, {"restart_policy", restart}, {"memory", c.memory},
            {"cpus", c.cpus}, {"labels", c.labels}, {"user", c.user}, {"healthcheck", health},
            {"privileged", c.privileged}, {"cap_add", c.capAdd}, {"devices", c.devices},
            {"security_opt", c.securityOpt}, {"network_mode", c.networkMode}, {"pid_mode", c.pidMode},
            {"ipc_mode", c.ipcMode}};
}

}  // namespace rivetr::containers
