// Cross-references of a compose project, checked after every service was read so each issue can name both ends.
#include "stacks/compose_references.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace rivetr::stacks {
namespace {

// Where services.<service>.<key> is written (the service's line when the key is not there).
int lineOf(const YamlNode& root, const ServiceSpec& s, const char* key) {
    const YamlNode* services = root.find("services");
    const YamlNode* service = services ? services->find(s.name) : nullptr;
    if (service)
        for (const YamlEntry& e : service->entries)
            if (e.key == key) return e.keyLine;
    return s.line;
}

struct Checker {
    ComposeProject& p;
    const YamlNode& root;
    const YamlAt& at;
    std::set<std::string> declared;  // every service in the file, profiles included

    void issue(const ServiceSpec& s, const char* key, const std::string& message) const {
        at.issues.add(lineOf(root, s, key), "services." + s.name + "." + key, message);
    }

    void dependencies(ServiceSpec& s) {
        std::vector<Dependency> kept;
        for (const Dependency& d : s.dependsOn) {
            const ServiceSpec* target = p.service(d.service);
            if (!target && !declared.count(d.service)) issue(s, "depends_on", "depends on \"" + d.service + "\", which is not a service of this file");
            else if (!target && d.required) issue(s, "depends_on", "depends on \"" + d.service + "\", which its profiles leave out (enable the profile, or set required: false)");
            else if (target && d.condition == DependencyCondition::Healthy && target->container.healthcheck &&
                     target->container.healthcheck->test == std::vector<std::string>{"NONE"})
                issue(s, "depends_on", "waits for \"" + d.service + "\" to be healthy, but its healthcheck is disabled");
            if (target) kept.push_back(d);
        }
        s.dependsOn = std::move(kept);
    }

    bool usesDefaultNetwork(const ServiceSpec& s) const { return s.networks.empty() && s.container.networkMode.empty(); }

    void networks(const ServiceSpec& s) const {
        for (const ServiceNetwork& n : s.networks)
            if (!p.network(n.key) && n.key != "default") issue(s, "networks", "network \"" + n.key + "\" is not declared under the top-level `networks:`");
        const std::string& mode = s.container.networkMode;
        if (mode.rfind("service:", 0) == 0 && !p.service(mode.substr(8)))
            issue(s, "network_mode", "network_mode names service \"" + mode.substr(8) + "\", which is not a service of this file");
        if (!mode.empty() && !s.networks.empty() && mode != "bridge")
            issue(s, "network_mode", "network_mode and networks cannot be used together");
    }

    void mounts(const ServiceSpec& s) const {
        for (const auto& m : s.container.mounts)
            if (m.type == "volume" && !m.source.empty() && !p.volume(m.source))
                issue(s, "volumes", "volume \"" + m.source + "\" is not declared under the top-level `volumes:`");
        auto check = [&](const std::vector<ServiceFile>& files, const std::vector<FileDecl>& decls, const char* key) {
            for (const ServiceFile& f : files)
                if (std::none_of(decls.begin(), decls.end(), [&](const FileDecl& d) { return d.key == f.key; }))
                    issue(s, key, std::string(key).substr(0, std::string(key).size() - 1) + " \"" + f.key + "\" is not declared under the top-level `" + key + ":`");
        };
        check(s.secrets, p.secrets, "secrets");
        check(s.configs, p.configs, "configs");
    }

    // Depth-first search over depends_on; a back edge is a cycle, reported once at the service closing it.
    void cycles() const {
        std::map<std::string, int> state;  // 1 visiting, 2 done
        std::function<void(const ServiceSpec&)> visit = [&](const ServiceSpec& s) {
            state[s.name] = 1;
            for (const Dependency& d : s.dependsOn) {
                if (state[d.service] == 1) issue(s, "depends_on", "dependency cycle: \"" + s.name + "\" and \"" + d.service + "\" wait for each other");
                else if (state[d.service] == 0) visit(*p.service(d.service));
            }
            state[s.name] = 2;
        };
        for (const ServiceSpec& s : p.services)
            if (state[s.name] == 0) visit(s);
    }

    void containerNames() const {
        std::map<std::string, std::string> taken;
        for (const ServiceSpec& s : p.services) {
            if (s.containerName.empty()) continue;
            auto [it, fresh] = taken.emplace(s.containerName, s.name);
            if (!fresh) issue(s, "container_name", "container_name \"" + s.containerName + "\" is also used by \"" + it->second + "\"");
        }
    }

    void addDefaultNetwork() const {
        bool used = std::any_of(p.services.begin(), p.services.end(), [&](const ServiceSpec& s) {
            return usesDefaultNetwork(s) || std::any_of(s.networks.begin(), s.networks.end(), [](const ServiceNetwork& n) { return n.key == "default"; });
        });
        if (!used || p.network("default")) return;
        NetworkDecl network;
        network.key = "default";
        network.name = p.name + "_default";
        p.networks.push_back(std::move(network));
    }
};

void collectDeclared(const YamlNode& root, std::set<std::string>& out) {
    if (const YamlNode* services = root.find("services"))
        for (const YamlEntry& e : services->entries) out.insert(e.key);
}

}  // namespace

void checkReferences(ComposeProject& project, const YamlNode& root, const YamlAt& at) {
    Checker c{project, root, at, {}};
    collectDeclared(root, c.declared);
    for (ServiceSpec& s : project.services) c.dependencies(s);
    for (const ServiceSpec& s : project.services) {
        c.networks(s);
        c.mounts(s);
    }
    c.cycles();
    c.containerNames();
    c.addDefaultNetwork();
}

}  // namespace rivetr::stacks
