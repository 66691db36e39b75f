// Where a compose service meets the engine's names: one function builds every container a stack creates, so deploy, update and adopt agree on the hash.
#include "stacks/service_plan.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "stacks/compose_labels.hpp"

namespace rivetr::stacks {

namespace {

const char* conditionName(DependencyCondition c) {
    switch (c) {
        case DependencyCondition::Started: return "service_started";
        case DependencyCondition::Healthy: return "service_healthy";
        case DependencyCondition::CompletedSuccessfully: return "service_completed_successfully";
    }
    return "service_started";
}

// "db:service_healthy:false,redis:service_started:true", sorted so the hash does not depend on file order.
std::string dependsOnLabel(const ServiceSpec& s) {
    std::vector<std::string> parts;
    for (const Dependency& d : s.dependsOn)
        parts.push_back(d.service + ":" + conditionName(d.condition) + ":" + (d.restart ? "true" : "false"));
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
    return out;
}

// The engine's network names with compose's aliases: the service name on every user-defined network.
std::vector<containers::NetworkSpec> engineNetworks(const ComposeProject& p, const ServiceSpec& s) {
    std::vector<ServiceNetwork> attached = s.networks;
    if (attached.empty() && s.container.networkMode.empty()) attached.push_back({"default", {}, {}, {}});
    std::vector<containers::NetworkSpec> out;
    for (const ServiceNetwork& n : attached) {
        const NetworkDecl* decl = p.network(n.key);
        std::string name = decl ? decl->name : p.name + "_" + n.key;
        std::vector<std::string> aliases;
        if (name != "bridge" && name != "host") aliases.push_back(s.name);
        for (const auto& a : n.aliases)
            if (std::find(aliases.begin(), aliases.end(), a) == aliases.end()) aliases.push_back(a);
        out.push_back({name, aliases, n.ipv4Address, n.ipv6Address});
    }
    return out;
}

void mapMounts(const ComposeProject& p, const ServiceSpec& s, containers::ContainerConfig& c) {
    for (auto& m : c.mounts)
        if (m.type == "volume" && !m.source.empty())
            if (const VolumeDecl* v = p.volume(m.source)) m.source = v->name;
    auto bindFiles = [&](const std::vector<ServiceFile>& files, const std::vector<FileDecl>& decls) {
        for (const ServiceFile& f : files) {
            auto decl = std::find_if(decls.begin(), decls.end(), [&](const FileDecl& d) { return d.key == f.key; });
            if (decl != decls.end()) c.mounts.push_back({"bind", decl->file, f.target, true, {}, {}});
        }
    };
    bindFiles(s.secrets, p.secrets);
    bindFiles(s.configs, p.configs);
}

std::string networkModeFor(const ComposeProject& p, const std::string& mode) {
    if (mode.rfind("service:", 0) != 0) return mode;
    const ServiceSpec* target = p.service(mode.substr(8));
    return target ? "container:" + containerNameOf(p, *target) : mode;
}

void setComposeLabels(const ComposeProject& p, const ServiceSpec& s, runtime::Labels& l) {
    l[labels::kProject] = p.name;
    l[labels::kService] = s.name;
    l[labels::kContainerNumber] = "1";
    l[labels::kOneoff] = "False";
    l[labels::kWorkingDir] = p.workingDir;
    l[labels::kConfigFiles] = p.configFile;
    l[labels::kDependsOn] = dependsOnLabel(s);
    l[labels::kVersion] = labels::kComposeVersion;
}

}  // namespace

std::string containerNameOf(const ComposeProject& project, const ServiceSpec& service) {
    return service.containerName.empty() ? project.name + "-" + service.name + "-1" : service.containerName;
}

ServicePlan planService(const ComposeProject& p, const ServiceSpec& s, const std::string& imageId) {
    containers::ContainerConfig c = s.container;
    c.name = containerNameOf(p, s);
    c.networkMode = networkModeFor(p, c.networkMode);
    c.networks = engineNetworks(p, s);
    mapMounts(p, s, c);
    setComposeLabels(p, s, c.labels);
    ServicePlan plan{s.name, containers::toCreatePlan(c), {}};
    nlohmann::json hashed = {{"body", plan.create.body}, {"networks", nlohmann::json::array()}};
    for (const auto& n : plan.create.laterNetworks)
        hashed["networks"].push_back({{"name", n.name}, {"aliases", n.aliases}, {"ipv4", n.ipv4Address}, {"ipv6", n.ipv6Address}});
    plan.configHash = crypto::sha256Hex(hashed.dump());
    plan.create.body["Labels"][labels::kConfigHash] = plan.configHash;
    plan.create.body["Labels"][labels::kImage] = imageId;
    return plan;
}

}  // namespace rivetr::stacks
