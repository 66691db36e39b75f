// Deploy and update: everything that can refuse runs first, then resources, then services level by level, each converged to its plan.
#include "stacks/stack_deployer.hpp"

#include <future>
#include <map>
#include <mutex>

#include "stacks/compose_labels.hpp"
#include "stacks/dependency_order.hpp"
#include "stacks/service_replace.hpp"
#include "stacks/service_wait.hpp"
#include "stacks/stack_images.hpp"
#include "stacks/stack_resources.hpp"

namespace rivetr::stacks {

const char* outcomeName(ServiceOutcome o) {
    switch (o) {
        case ServiceOutcome::Created: return "created";
        case ServiceOutcome::Recreated: return "recreated";
        case ServiceOutcome::Restarted: return "restarted";
        case ServiceOutcome::Started: return "started";
        case ServiceOutcome::Unchanged: return "unchanged";
    }
    return "unchanged";
}

namespace {

class DeployRun {
public:
    DeployRun(runtime::ContainerRuntime& engine, const ComposeProject& p, const DeployOptions& o) : engine_(engine), p_(p), o_(o) {}

    DeployResult run() {
        DeployResult result;
        result.recovered = recoverInterruptedReplaces(engine_, p_.name);
        preflight();
        ensureResources(engine_, p_);
        std::vector<std::string> order;
        for (const auto& level : dependencyLevels(dependencyMap())) order.insert(order.end(), level.begin(), level.end());
        convergeAll(order);
        for (const auto& name : order_) result.services.push_back(done_.at(name));
        if (!o_.service) result.removedOrphans = removeOrphans();
        return result;
    }

private:
    void progress(const std::string& line) const {
        if (o_.onProgress) o_.onProgress(line);
    }

    void preflight() {
        for (const ServiceSpec& s : p_.services)
            if (!o_.service || s.name == *o_.service) scope_.push_back(&s);
        if (scope_.empty()) throw StackDeployFailed(*o_.service, "there is no such service in the stack");
        try {
            images_ = resolveImages(engine_, p_, scope_, {o_.pull, o_.cancel, o_.onProgress});
        } catch (const ServiceImageFailed& e) {
            throw StackDeployFailed(e.service(), e.what());
        }
        checkHealthyDependencies();
        for (const ServiceSpec* s : scope_) {
            plans_[s->name] = planService(p_, *s, images_[s->name].id);
            if (o_.checkPolicy) o_.checkPolicy(plans_[s->name]);
        }
        try {
            checkExternals(engine_, p_);
        } catch (const MissingExternal& e) {
            throw StackDeployFailed("", e.what());
        }
        readExisting();
    }

    // service_healthy needs a healthcheck, from the file or the image: known only once images are resolved.
    void checkHealthyDependencies() const {
        for (const ServiceSpec* s : scope_)
            for (const Dependency& d : s->dependsOn) {
                auto image = images_.find(d.service);
                if (d.condition == DependencyCondition::Healthy && image != images_.end() && !image->second.hasHealthcheck)
                    throw StackDeployFailed(s->name, "waits for \"" + d.service + "\" to be healthy, but \"" + d.service +
                                                         "\" has no healthcheck (neither in the file nor in its image)");
            }
    }

    void readExisting() {
        for (auto& c : engine_.queryContainers(labels::projectQuery(p_.name)))
            if (!isSetAside(c) && labels::valueOf(c, labels::kOneoff) != "True") existing_[labels::valueOf(c, labels::kService)] = std::move(c);
    }

    std::map<std::string, std::vector<std::string>> dependencyMap() const {
        std::map<std::string, std::vector<std::string>> deps;
        for (const ServiceSpec* s : scope_) {
            auto& list = deps[s->name];
            for (const Dependency& d : s->dependsOn) list.push_back(d.service);
        }
        return deps;
    }

    // Each service converges on its own thread as soon as the services it depends on have: no level barrier,
    // so a slow service holds back only its dependents. The dependent of a failed service is not started. The
    // deploy fails after every task ended, with the first failure in start order (the cause, not its echoes).
    void convergeAll(const std::vector<std::string>& order) {
        std::map<std::string, std::shared_future<void>> tasks;
        for (const auto& name : order) {
            std::vector<std::pair<std::string, std::shared_future<void>>> deps;
            for (const Dependency& d : p_.service(name)->dependsOn)
                if (auto it = tasks.find(d.service); it != tasks.end()) deps.emplace_back(d.service, it->second);
            tasks[name] = std::async(std::launch::async, [this, name, deps] { convergeAfter(name, deps); }).share();
        }
        std::exception_ptr failure;
        for (const auto& name : order) {
            try {
                tasks[name].get();
            } catch (...) {
                if (!failure) failure = std::current_exception();
            }
        }
        if (failure) std::rethrow_exception(failure);
    }

    void convergeAfter(const std::string& name, const std::vector<std::pair<std::string, std::shared_future<void>>>& deps) {
        for (const auto& [dep, done] : deps) {
            try {
                done.get();
            } catch (...) {
                throw StackDeployFailed(name, "not started: its dependency \"" + dep + "\" failed");
            }
        }
        ServiceResult r = converge(*p_.service(name));
        std::lock_guard lock(mutex_);
        done_[name] = r;
        order_.push_back(name);
    }

    std::string containerIdOf(const std::string& service) {
        std::lock_guard lock(mutex_);
        if (auto it = done_.find(service); it != done_.end()) return it->second.containerId;
        if (auto it = existing_.find(service); it != existing_.end()) return it->second.id;
        return {};
    }

    bool dependencyRestarted(const ServiceSpec& s) {
        std::lock_guard lock(mutex_);
        for (const Dependency& d : s.dependsOn) {
            auto it = done_.find(d.service);
            if (d.restart && it != done_.end() && it->second.outcome != ServiceOutcome::Unchanged) return true;
        }
        return false;
    }

    void waitForDependencies(const ServiceSpec& s) {
        for (const Dependency& d : s.dependsOn) {
            std::string id = containerIdOf(d.service);
            if (id.empty()) throw StackDeployFailed(s.name, "not started: its dependency \"" + d.service + "\" has no container");
            try {
                waitForCondition(engine_, id, d.service, d.condition, o_.readyTimeout, o_.cancel);
            } catch (const DependencyFailed& e) {
                throw StackDeployFailed(s.name, std::string("not started: ") + e.what());
            }
        }
    }

    ServiceResult converge(const ServiceSpec& s) {
        waitForDependencies(s);
        const ServicePlan& plan = plans_.at(s.name);
        ServiceResult r{s.name, plan.create.name, {}, ServiceOutcome::Unchanged};
        auto old = existing_.find(s.name);
        try {
            if (old != existing_.end() && labels::valueOf(old->second, labels::kConfigHash) == plan.configHash &&
                labels::valueOf(old->second, labels::kImage) == images_.at(s.name).id) {
                r.containerId = old->second.id;
                r.outcome = keep(s, old->second);
            } else {
                std::optional<runtime::ContainerSummary> previous;
                if (old != existing_.end()) previous = old->second;
                r.containerId = replaceService(engine_, plan, previous, {o_.stopGrace, images_.at(s.name).hasHealthcheck, o_.readyTimeout, o_.cancel});
                r.outcome = previous ? ServiceOutcome::Recreated : ServiceOutcome::Created;
            }
        } catch (const runtime::RuntimeError& e) {
            throw StackDeployFailed(s.name, e.what());
        } catch (const DependencyFailed& e) {
            throw StackDeployFailed(s.name, e.what());
        }
        progress(s.name + " | " + outcomeName(r.outcome));
        return r;
    }

    // An unchanged container: started when it is not running, restarted when a dependency it declared
    // `restart: true` on was recreated or restarted in this deploy.
    ServiceOutcome keep(const ServiceSpec& s, const runtime::ContainerSummary& c) {
        if (c.state != "running") {
            engine_.startContainer(c.id);
            return ServiceOutcome::Started;
        }
        if (!dependencyRestarted(s)) return ServiceOutcome::Unchanged;
        engine_.restartContainer(c.id, o_.stopGrace);
        return ServiceOutcome::Restarted;
    }

    std::vector<std::string> removeOrphans() {
        std::vector<std::string> removed;
        for (const auto& [service, c] : existing_) {
            if (p_.service(service)) continue;
            engine_.removeContainer(c.id, {.force = true, .volumes = false});
            removed.push_back(labels::nameOf(c));
        }
        return removed;
    }

    runtime::ContainerRuntime& engine_;
    const ComposeProject& p_;
    const DeployOptions& o_;
    std::vector<const ServiceSpec*> scope_;
    std::map<std::string, ServiceImage> images_;
    std::map<std::string, ServicePlan> plans_;
    std::map<std::string, runtime::ContainerSummary> existing_;
    std::mutex mutex_;
    std::map<std::string, ServiceResult> done_;
    std::vector<std::string> order_;
};

}  // namespace

DeployResult StackDeployer::deploy(const ComposeProject& project, const DeployOptions& options) {
    return DeployRun(engine_, project, options).run();
}

}  // namespace rivetr::stacks
