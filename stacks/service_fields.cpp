// Structured service keys: each reader refuses keys it does not know, so nothing in a file is silently dropped.
#include "stacks/service_fields.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string_view>

#include "stacks/service_volumes.hpp"

namespace rivetr::stacks {
namespace {

using Json = nlohmann::json;

// Every key of `node` is one of `allowed` (x-* always is); issues name the others.
bool onlyKeys(const YamlNode& node, const YamlAt& at, std::initializer_list<std::string_view> allowed) {
    bool ok = true;
    for (const YamlEntry& e : node.entries) {
        if (e.key.rfind("x-", 0) == 0 || std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
        at.issues.add(e.keyLine, at.child(e.key).key, "unknown key \"" + e.key + "\" here");
        ok = false;
    }
    return ok;
}

const YamlNode* mappingWith(const YamlNode& node, const YamlAt& at, std::initializer_list<std::string_view> allowed) {
    if (!readMapping(node, at) || !onlyKeys(node, at, allowed)) return nullptr;
    return &node;
}

std::optional<DependencyCondition> conditionNamed(const std::string& name) {
    if (name == "service_started") return DependencyCondition::Started;
    if (name == "service_healthy") return DependencyCondition::Healthy;
    if (name == "service_completed_successfully") return DependencyCondition::CompletedSuccessfully;
    return std::nullopt;
}

std::optional<Dependency> longDependency(const YamlEntry& e, const YamlAt& at) {
    Dependency d{e.key};
    if (e.value.isNull()) return d;
    if (!mappingWith(e.value, at, {"condition", "restart", "required"})) return std::nullopt;
    bool ok = true;
    if (const YamlNode* c = e.value.find("condition")) {
        auto name = readString(*c, at.child("condition"));
        auto condition = name ? conditionNamed(*name) : std::nullopt;
        if (name && !condition) at.child("condition").fail(*c, "condition must be service_started, service_healthy or service_completed_successfully");
        ok = condition.has_value();
        d.condition = condition.value_or(DependencyCondition::Started);
    }
    for (auto [key, into] : {std::pair{"restart", &d.restart}, std::pair{"required", &d.required}})
        if (const YamlNode* v = e.value.find(key)) {
            auto b = readBool(*v, at.child(key));
            ok = ok && b.has_value();
            *into = b.value_or(*into);
        }
    return ok ? std::optional(d) : std::nullopt;
}

bool setResources(ServiceSpec& s, const YamlNode& node, const YamlAt& at, bool limits) {
    if (!mappingWith(node, at, {"cpus", "memory", "pids", "devices"})) return false;
    bool ok = true;
    if (const YamlNode* v = node.find("cpus")) {
        auto cpus = readNumber(*v, at.child("cpus"));
        ok = cpus.has_value();
        if (cpus && limits) s.container.cpus = *cpus;
        if (cpus && !limits) s.container.engineHostConfig["CpuShares"] = std::llround(*cpus * 1024);
    }
    if (const YamlNode* v = node.find("memory")) {
        auto bytes = readBytes(*v, at.child("memory"));
        ok = ok && bytes.has_value();
        if (bytes && limits) s.container.memory = *bytes;
        if (bytes && !limits) s.container.engineHostConfig["MemoryReservation"] = *bytes;
    }
    if (const YamlNode* v = node.find("pids"); v && limits) {
        auto pids = readInt(*v, at.child("pids"));
        ok = ok && pids.has_value();
        if (pids) s.container.engineHostConfig["PidsLimit"] = *pids;
    }
    if (node.find("devices")) {
        at.fail(node, "device reservations (GPUs) are not supported yet");
        ok = false;
    }
    return ok;
}

bool setDeployRestart(ServiceSpec& s, const YamlNode& node, const YamlAt& at) {
    if (!mappingWith(node, at, {"condition", "max_attempts", "delay", "window"})) return false;
    std::string condition = "any";
    if (const YamlNode* c = node.find("condition"))
        if (auto v = readString(*c, at.child("condition"))) condition = *v;
    if (condition != "none" && condition != "on-failure" && condition != "any") {
        at.fail(node, "restart_policy.condition must be none, on-failure or any");
        return false;
    }
    s.container.restartPolicy = condition == "none" ? "no" : condition == "any" ? "always" : "on-failure";
    if (const YamlNode* m = node.find("max_attempts"))
        if (auto v = readInt(*m, at.child("max_attempts"))) s.container.restartMaxRetries = static_cast<int>(*v);
    return true;
}

}  // namespace

void setEnv(std::vector<std::pair<std::string, std::string>>& env, const std::string& key, const std::string& value) {
    auto it = std::find_if(env.begin(), env.end(), [&](const auto& p) { return p.first == key; });
    if (it != env.end()) it->second = value;
    else env.emplace_back(key, value);
}

std::optional<BuildSpec> readBuildSpec(const YamlNode& node, const YamlAt& at, const std::filesystem::path& stackDir) {
    BuildSpec b;
    std::string context = ".";
    if (node.isScalar()) {
        context = node.text;
    } else if (!mappingWith(node, at, {"context", "dockerfile", "args", "target"})) {
        return std::nullopt;
    } else {
        for (const YamlEntry& e : node.entries) {
            if (e.key == "args") {
                auto args = readPairs(e.value, at.child("args"), std::string());
                if (!args) return std::nullopt;
                b.args = *args;
            } else if (auto v = readString(e.value, at.child(e.key))) {
                (e.key == "context" ? context : e.key == "dockerfile" ? b.dockerfile : b.target) = *v;
            } else {
                return std::nullopt;
            }
        }
    }
    if (context.find("://") != std::string::npos || context.rfind("git@", 0) == 0) {
        at.fail(node, "a build context from a URL is not supported: use a stack from git, or a directory in the stack");
        return std::nullopt;
    }
    b.context = hostPathUnder(stackDir, context);
    return b;
}

std::optional<Json> readExpose(const YamlNode& node, const YamlAt& at) {
    auto ports = readStringList(node, at);
    if (!ports) return std::nullopt;
    Json out = Json::object();
    for (const std::string& p : *ports) out[p.find('/') == std::string::npos ? p + "/tcp" : p] = Json::object();
    return out;
}

std::optional<std::vector<ServiceNetwork>> readServiceNetworks(const YamlNode& node, const YamlAt& at) {
    std::vector<ServiceNetwork> out;
    if (node.isSequence()) {
        auto keys = readStringList(node, at);
        if (!keys) return std::nullopt;
        for (const auto& k : *keys) out.push_back({k, {}, {}, {}});
        return out;
    }
    if (!readMapping(node, at)) return std::nullopt;
    for (const YamlEntry& e : node.entries) {
        ServiceNetwork n{e.key, {}, {}, {}};
        const YamlAt here = at.child(e.key);
        if (!e.value.isNull()) {
            if (!mappingWith(e.value, here, {"aliases", "ipv4_address", "ipv6_address", "priority", "link_local_ips"})) return std::nullopt;
            if (const YamlNode* a = e.value.find("aliases")) {
                auto aliases = readStringList(*a, here.child("aliases"));
                if (!aliases) return std::nullopt;
                n.aliases = *aliases;
            }
            if (const YamlNode* v = e.value.find("ipv4_address")) n.ipv4Address = readString(*v, here.child("ipv4_address")).value_or("");
            if (const YamlNode* v = e.value.find("ipv6_address")) n.ipv6Address = readString(*v, here.child("ipv6_address")).value_or("");
        }
        out.push_back(std::move(n));
    }
    return out;
}

std::optional<std::vector<Dependency>> readDependsOn(const YamlNode& node, const YamlAt& at) {
    std::vector<Dependency> out;
    if (node.isSequence()) {
        auto names = readStringList(node, at);
        if (!names) return std::nullopt;
        for (const auto& n : *names) out.push_back({n});
        return out;
    }
    if (!readMapping(node, at)) return std::nullopt;
    for (const YamlEntry& e : node.entries) {
        auto d = longDependency(e, at.child(e.key));
        if (!d) return std::nullopt;
        out.push_back(*d);
    }
    return out;
}

std::optional<containers::HealthcheckSpec> readHealthcheck(const YamlNode& node, const YamlAt& at) {
    if (!mappingWith(node, at, {"test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"})) return std::nullopt;
    containers::HealthcheckSpec h;
    if (const YamlNode* d = node.find("disable"); d && readBool(*d, at.child("disable")).value_or(false)) return containers::HealthcheckSpec{{"NONE"}};
    if (const YamlNode* t = node.find("test")) {
        auto test = readStringList(*t, at.child("test"));
        if (!test) return std::nullopt;
        h.test = t->isScalar() ? std::vector<std::string>{"CMD-SHELL", t->text} : *test;
        if (h.test.empty() || (h.test[0] != "CMD" && h.test[0] != "CMD-SHELL" && h.test[0] != "NONE")) {
            at.child("test").fail(*t, "a test list starts with CMD, CMD-SHELL or NONE");
            return std::nullopt;
        }
    }
    for (auto [key, into] : {std::pair{"interval", &h.intervalNs}, std::pair{"timeout", &h.timeoutNs}, std::pair{"start_period", &h.startPeriodNs}})
        if (const YamlNode* v = node.find(key)) {
            auto ns = readDurationNs(*v, at.child(key));
            if (!ns) return std::nullopt;
            *into = *ns;
        }
    if (const YamlNode* r = node.find("retries")) {
        auto retries = readInt(*r, at.child("retries"));
        if (!retries) return std::nullopt;
        h.retries = static_cast<int>(*retries);
    }
    return h;  // start_interval needs Engine API 1.44: accepted and left out on 1.41
}

bool readDeploy(ServiceSpec& s, const YamlNode& node, const YamlAt& at) {
    if (!mappingWith(node, at, {"resources", "restart_policy", "replicas", "labels", "mode"})) return false;
    bool ok = true;
    if (const YamlNode* r = node.find("replicas")) {
        auto n = readInt(*r, at.child("replicas"));
        ok = n.has_value() && *n == 1;
        if (n && *n != 1) at.child("replicas").fail(*r, "replicas other than 1 are not supported yet");
    }
    if (const YamlNode* r = node.find("resources"); r && mappingWith(*r, at.child("resources"), {"limits", "reservations"})) {
        if (const YamlNode* l = r->find("limits")) ok = setResources(s, *l, at.child("resources").child("limits"), true) && ok;
        if (const YamlNode* v = r->find("reservations")) ok = setResources(s, *v, at.child("resources").child("reservations"), false) && ok;
    }
    if (const YamlNode* p = node.find("restart_policy")) ok = setDeployRestart(s, *p, at.child("restart_policy")) && ok;
    return ok;
}

std::optional<Json> readExtraHosts(const YamlNode& node, const YamlAt& at) {
    auto pairs = node.isMapping() ? readPairs(node, at, std::nullopt) : std::nullopt;
    Json out = Json::array();
    if (pairs) {
        for (const auto& [host, ip] : *pairs) out.push_back(host + ":" + ip);
        return out;
    }
    auto list = node.isMapping() ? std::nullopt : readStringList(node, at);
    if (!list) return std::nullopt;
    for (std::string entry : *list) {
        auto eq = entry.find('=');
        if (eq != std::string::npos) entry[eq] = ':';
        out.push_back(entry);
    }
    return out;
}

std::optional<Json> readLogging(const YamlNode& node, const YamlAt& at) {
    if (!mappingWith(node, at, {"driver", "options"})) return std::nullopt;
    Json out = {{"Type", ""}, {"Config", Json::object()}};
    if (const YamlNode* d = node.find("driver")) out["Type"] = readString(*d, at.child("driver")).value_or("");
    if (const YamlNode* o = node.find("options")) {
        auto options = readPairs(*o, at.child("options"), std::string());
        if (!options) return std::nullopt;
        for (const auto& [k, v] : *options) out["Config"][k] = v;
    }
    return out;
}

std::optional<Json> readUlimits(const YamlNode& node, const YamlAt& at) {
    if (!readMapping(node, at)) return std::nullopt;
    Json out = Json::array();
    for (const YamlEntry& e : node.entries) {
        const YamlAt here = at.child(e.key);
        std::optional<std::int64_t> soft, hard;
        if (e.value.isScalar()) {
            soft = hard = readInt(e.value, here);
        } else if (mappingWith(e.value, here, {"soft", "hard"}) && e.value.find("soft") && e.value.find("hard")) {
            soft = readInt(*e.value.find("soft"), here.child("soft"));
            hard = readInt(*e.value.find("hard"), here.child("hard"));
        } else if (e.value.isMapping()) {
            here.fail(e.value, "an ulimit needs both soft and hard");
        }
        if (!soft || !hard) return std::nullopt;
        out.push_back({{"Name", e.key}, {"Soft", *soft}, {"Hard", *hard}});
    }
    return out;
}

std::optional<std::vector<ServiceFile>> readServiceFiles(const YamlNode& node, const YamlAt& at, const std::string& base) {
    if (!node.isSequence()) {
        at.fail(node, "expected a list");
        return std::nullopt;
    }
    std::vector<ServiceFile> out;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YamlNode& item = node.items[i];
        const YamlAt here = at.item(i);
        ServiceFile f;
        if (item.isScalar()) {
            f.key = item.text;
        } else if (mappingWith(item, here, {"source", "target", "uid", "gid", "mode"}) && item.find("source")) {
            f.key = readString(*item.find("source"), here.child("source")).value_or("");
            if (const YamlNode* t = item.find("target")) f.target = readString(*t, here.child("target")).value_or("");
        } else {
            if (item.isMapping()) here.fail(item, "needs `source`");
            return std::nullopt;
        }
        if (f.key.empty()) {
            here.fail(item, "expected the name of a top-level entry");
            return std::nullopt;
        }
        if (f.target.empty()) f.target = f.key;
        if (f.target.front() != '/') f.target = base + f.target;
        out.push_back(std::move(f));
    }
    return out;
}

std::optional<std::vector<std::pair<std::string, bool>>> readEnvFileList(const YamlNode& node, const YamlAt& at) {
    std::vector<std::pair<std::string, bool>> out;
    if (node.isScalar()) return std::vector<std::pair<std::string, bool>>{{node.text, true}};
    if (!node.isSequence()) {
        at.fail(node, "expected a path or a list of paths");
        return std::nullopt;
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YamlNode& item = node.items[i];
        const YamlAt here = at.item(i);
        if (item.isScalar()) {
            out.emplace_back(item.text, true);
        } else if (mappingWith(item, here, {"path", "required", "format"}) && item.find("path")) {
            bool required = true;
            if (const YamlNode* r = item.find("required")) required = readBool(*r, here.child("required")).value_or(true);
            out.emplace_back(item.find("path")->text, required);
        } else {
            if (item.isMapping()) here.fail(item, "needs `path`");
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace rivetr::stacks
