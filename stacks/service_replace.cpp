// Replacing a service's container so that a failed deploy leaves the previous version running: stop, set aside, create, verify, then discard or restore.
#include "stacks/service_replace.hpp"

#include <algorithm>

#include "core/failpoint.hpp"
#include "core/log.hpp"
#include "stacks/compose_labels.hpp"
#include "stacks/service_wait.hpp"

namespace rivetr::stacks {
namespace {

std::string asideName(const std::string& id, const std::string& name) { return id.substr(0, 12) + "_" + name; }

void removeQuietly(runtime::ContainerRuntime& engine, const std::string& id) {
    try {
        engine.removeContainer(id, {.force = true, .volumes = false});
    } catch (const runtime::RuntimeError& e) {
        log::warn("stack_container_remove_failed", {{"container", id}, {"error", e.what()}});
    }
}

std::string createAndStart(runtime::ContainerRuntime& engine, const ServicePlan& plan, const ReplaceOptions& options) {
    std::string id = engine.createContainerFromJson(plan.create.name, plan.create.body);
    try {
        // Engine API 1.41 takes one network at create: the others join before the first start.
        for (const auto& n : plan.create.laterNetworks) engine.connectEndpoint(n.name, id, {n.aliases, n.ipv4Address, n.ipv6Address});
        engine.startContainer(id);
        if (options.waitHealthy)
            waitForCondition(engine, id, plan.service, DependencyCondition::Healthy, options.healthTimeout, options.cancel);
    } catch (...) {
        removeQuietly(engine, id);
        throw;
    }
    return id;
}

void restore(runtime::ContainerRuntime& engine, const runtime::ContainerSummary& old, const std::string& name, bool wasRunning) {
    try {
        engine.renameContainer(old.id, name);
        if (wasRunning) engine.startContainer(old.id);
    } catch (const runtime::RuntimeError& e) {
        log::error("stack_container_restore_failed", {{"container", old.id.substr(0, 12)}, {"name", name}, {"error", e.what()}});
    }
}

}  // namespace

std::string replaceService(runtime::ContainerRuntime& engine, const ServicePlan& plan,
                           const std::optional<runtime::ContainerSummary>& old, const ReplaceOptions& options) {
    if (!old) return createAndStart(engine, plan, options);
    bool wasRunning = old->state == "running" || old->state == "restarting";
    if (wasRunning) engine.stopContainer(old->id, options.stopGrace);
    engine.renameContainer(old->id, asideName(old->id, plan.create.name));
    failpoint("stacks.replace.set_aside");  // a crash here: the next start puts the old one back
    std::string id;
    try {
        id = createAndStart(engine, plan, options);
    } catch (...) {
        restore(engine, *old, plan.create.name, wasRunning);
        throw;
    }
    failpoint("stacks.replace.started");  // a crash here: the next start removes the old one
    removeQuietly(engine, old->id);
    return id;
}

bool isSetAside(const runtime::ContainerSummary& c) {
    std::string name = labels::nameOf(c);
    return name.size() > 13 && name.compare(0, 13, c.id.substr(0, 12) + "_") == 0;
}

std::vector<std::string> recoverInterruptedReplaces(runtime::ContainerRuntime& engine, const std::string& project) {
    auto containers = engine.queryContainers(labels::projectQuery(project));
    std::vector<std::string> done;
    for (const auto& c : containers) {
        if (!isSetAside(c)) continue;
        std::string name = labels::nameOf(c);
        std::string intended = name.substr(13);
        auto current = std::find_if(containers.begin(), containers.end(), [&](const runtime::ContainerSummary& o) {
            return std::find(o.names.begin(), o.names.end(), intended) != o.names.end() || o.name == intended;
        });
        if (current != containers.end() && current->state == "running") {
            removeQuietly(engine, c.id);
            done.push_back("removed " + name + ": its replacement " + intended + " runs");
            continue;
        }
        if (current != containers.end()) removeQuietly(engine, current->id);
        restore(engine, c, intended, true);
        done.push_back("restored " + intended + " from " + name + ": its replacement never ran");
    }
    return done;
}

}  // namespace rivetr::stacks
