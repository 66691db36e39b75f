// Start, stop, restart and down by compose's labels alone, so they work for stacks Rivetr did not deploy (adopted, external).
#include <algorithm>
#include <map>

#include "stacks/compose_labels.hpp"
#include "stacks/dependency_order.hpp"
#include "stacks/stack_deployer.hpp"
#include "stacks/stack_resources.hpp"

namespace rivetr::stacks {
namespace {

// The project's containers (one service's when `service` is set), in start order from their depends_on labels.
std::vector<runtime::ContainerSummary> inStartOrder(runtime::ContainerRuntime& engine, const std::string& project, const std::string& service) {
    auto containers = engine.queryContainers(labels::projectQuery(project, service));
    std::map<std::string, std::vector<std::string>> deps;
    for (const auto& c : containers) deps[labels::valueOf(c, labels::kService)] = servicesInDependsOnLabel(labels::valueOf(c, labels::kDependsOn));
    std::vector<std::string> order;
    try {
        for (const auto& level : dependencyLevels(deps)) order.insert(order.end(), level.begin(), level.end());
    } catch (const std::invalid_argument&) {
        // A cycle in labels written elsewhere: any order will do for start and stop.
    }
    auto rank = [&](const runtime::ContainerSummary& c) {
        return std::find(order.begin(), order.end(), labels::valueOf(c, labels::kService)) - order.begin();
    };
    std::stable_sort(containers.begin(), containers.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    return containers;
}

}  // namespace

std::vector<std::string> StackDeployer::start(const std::string& project, const std::string& service) {
    std::vector<std::string> started;
    for (const auto& c : inStartOrder(engine_, project, service)) {
        if (c.state == "running") continue;
        engine_.startContainer(c.id);
        started.push_back(labels::nameOf(c));
    }
    return started;
}

std::vector<std::string> StackDeployer::stop(const std::string& project, const std::string& service, std::chrono::seconds grace) {
    auto containers = inStartOrder(engine_, project, service);
    std::vector<std::string> stopped;
    for (auto it = containers.rbegin(); it != containers.rend(); ++it) {
        if (it->state != "running" && it->state != "restarting" && it->state != "paused") continue;
        engine_.stopContainer(it->id, grace);
        stopped.push_back(labels::nameOf(*it));
    }
    return stopped;
}

std::vector<std::string> StackDeployer::restart(const std::string& project, const std::string& service, std::chrono::seconds grace) {
    stop(project, service, grace);
    std::vector<std::string> names;
    for (const auto& c : inStartOrder(engine_, project, service)) {
        engine_.startContainer(c.id);
        names.push_back(labels::nameOf(c));
    }
    return names;
}

DownResult StackDeployer::down(const std::string& project, bool removeVolumes, std::chrono::seconds grace) {
    DownResult out;
    stop(project, {}, grace);
    for (const auto& c : inStartOrder(engine_, project, {})) {
        engine_.removeContainer(c.id, {.force = true, .volumes = true});
        out.removedContainers.push_back(labels::nameOf(c));
    }
    out.removedNetworks = removeNetworks(engine_, project);
    for (const auto& v : projectVolumes(engine_, project)) {
        if (removeVolumes) engine_.removeVolume(v);
        (removeVolumes ? out.removedVolumes : out.keptVolumes).push_back(v);
    }
    return out;
}

}  // namespace rivetr::stacks
