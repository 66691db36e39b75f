// Networks and volumes are created once and shared by every revision of a stack; only `down` removes them, and volumes only when asked.
#include "stacks/stack_resources.hpp"

#include <filesystem>

#include "stacks/compose_labels.hpp"

namespace rivetr::stacks {
namespace {

template <typename Find>
bool exists(Find find) {
    try {
        find();
        return true;
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() == runtime::ErrorKind::NotFound) return false;
        throw;
    }
}

runtime::NetworkSpec networkSpec(const ComposeProject& p, const NetworkDecl& n) {
    runtime::NetworkSpec spec;
    spec.name = n.name;
    if (!n.driver.empty()) spec.driver = n.driver;
    if (!n.subnets.empty()) spec.subnet = n.subnets.front();
    spec.internal = n.internal;
    spec.attachable = n.attachable;
    spec.labels = n.labels;
    for (const auto& [k, v] : labels::networkLabels(p.name, n.key)) spec.labels[k] = v;
    spec.options = n.driverOpts;
    return spec;
}

}  // namespace

void checkExternals(runtime::ContainerRuntime& engine, const ComposeProject& p) {
    for (const NetworkDecl& n : p.networks)
        if (n.external && !exists([&] { engine.inspectNetwork(n.name); }))
            throw MissingExternal("external network \"" + n.name + "\" does not exist: create it first");
    for (const VolumeDecl& v : p.volumes)
        if (v.external && !exists([&] { engine.inspectVolume(v.name); }))
            throw MissingExternal("external volume \"" + v.name + "\" does not exist: create it first");
}

void ensureResources(runtime::ContainerRuntime& engine, const ComposeProject& p) {
    for (const NetworkDecl& n : p.networks)
        if (!n.external && !exists([&] { engine.inspectNetwork(n.name); })) engine.createNetwork(networkSpec(p, n));
    for (const VolumeDecl& v : p.volumes) {
        if (v.external || exists([&] { engine.inspectVolume(v.name); })) continue;
        runtime::VolumeSpec spec{v.name, v.driver.empty() ? "local" : v.driver, v.labels, v.driverOpts};
        for (const auto& [k, val] : labels::volumeLabels(p.name, v.key)) spec.labels[k] = val;
        engine.createVolume(spec);
    }
    for (const std::string& dir : p.createDirectories) std::filesystem::create_directories(dir);
}

std::vector<std::string> removeNetworks(runtime::ContainerRuntime& engine, const std::string& project) {
    std::vector<std::string> removed;
    for (const auto& n : engine.listNetworks({{labels::kProject, project}})) {
        engine.removeNetwork(n.id);
        removed.push_back(n.name);
    }
    return removed;
}

std::vector<std::string> projectVolumes(runtime::ContainerRuntime& engine, const std::string& project) {
    std::vector<std::string> names;
    for (const auto& v : engine.listVolumes({{labels::kProject, project}})) names.push_back(v.name);
    return names;
}

}  // namespace rivetr::stacks
