// The Docker manager's volume operations on any host: what the API and CLI call, engines reached only through the HostDirectory.
#include "volumes/volume_manager.hpp"

#include "volumes/volume_rules.hpp"

namespace rivetr::volumes {
namespace {

using containers::ContainerError;

std::string describe(const std::vector<VolumeUser>& users) {
    std::string s;
    for (const auto& u : users) s += (s.empty() ? "" : ", ") + u.name + " (" + u.id.substr(0, 12) + ")";
    return s;
}

}  // namespace

VolumeInUse::VolumeInUse(const std::string& name, std::vector<VolumeUser> users)
    : ContainerError(409, "volume_in_use", "volume '" + name + "' is in use by " + describe(users) + ": remove those containers first", "name"),
      users_(std::move(users)) {}

std::shared_ptr<runtime::ContainerRuntime> VolumeManager::engine(const std::string& host) {
    auto rt = hosts_.runtimeFor(host);
    if (!rt) throw runtime::RuntimeError(runtime::ErrorKind::DaemonUnavailable, "no engine");
    return rt;
}

std::vector<VolumeEntry> VolumeManager::entries(runtime::ContainerRuntime& rt, bool withUsage) {
    auto out = listVolumeEntries(rt, withUsage);
    for (auto& e : out)
        if (!e.appId.empty() && apps_) e.appName = apps_->appName(e.appId);
    return out;
}

VolumeEntry VolumeManager::entryOf(runtime::ContainerRuntime& rt, const std::string& name, bool withUsage) {
    auto info = rt.inspectVolume(name);  // NotFound first, before the slower calls
    auto joined = joinVolumes({info}, rt.listContainers({}, true),
                              withUsage ? measuredUsage(rt) : std::map<std::string, runtime::VolumeUsage>{});
    if (!joined.front().appId.empty() && apps_) joined.front().appName = apps_->appName(joined.front().appId);
    return joined.front();
}

hosts::HostAnswers<std::vector<VolumeEntry>> VolumeManager::list(const std::string& selector, const VolumeFilter& filter) {
    return hosts::askHosts(hosts_, selector, [this, &filter](const std::string& host) {
        std::vector<VolumeEntry> kept;
        for (auto& e : entries(*engine(host), true))
            if (matches(e, filter)) kept.push_back(std::move(e));
        return kept;
    });
}

VolumeDetail VolumeManager::inspect(const std::string& host, const std::string& name) {
    checkVolumeName(name);
    auto rt = engine(host);
    VolumeDetail d;
    d.engine = rt->inspectVolumeJson(name);
    d.entry = entryOf(*rt, name, true);
    return d;
}

CreatedVolume VolumeManager::create(const std::string& host, const runtime::VolumeSpec& spec, store::Role role) {
    checkVolumeSpec(spec);
    containers::PolicyOptions policy = policy_;
    if (!host.empty() && host != hosts::kLocalHost) policy.resolve = nullptr;  // symlinks resolve only here
    CreatedVolume out;
    out.dangerous = containers::checkVolumePolicy(spec, role, policy);
    auto rt = engine(host);
    // The engine answers an existing name with that volume, as if created: say so instead.
    try {
        rt->inspectVolume(spec.name);
        throw ContainerError(409, "name_conflict", "a volume named '" + spec.name + "' already exists", "name");
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() != runtime::ErrorKind::NotFound) throw;
    }
    out.volume = rt->createVolume(spec);
    return out;
}

VolumeEntry VolumeManager::remove(const std::string& host, const std::string& name, bool force) {
    checkVolumeName(name);
    auto rt = engine(host);
    VolumeEntry e = entryOf(*rt, name, false);
    if (!e.appId.empty())
        throw ContainerError(409, "app_volume",
                             "volume '" + name + "' belongs to the app '" + (e.appName.empty() ? e.appId : e.appName) +
                                 "': its data goes with the app, not through the Docker manager",
                             "name");
    if (e.inUse()) throw VolumeInUse(name, e.usedBy);
    try {
        rt->removeVolume(name, force);
    } catch (const runtime::RuntimeError& err) {
        if (err.kind() != runtime::ErrorKind::Conflict) throw;
        // A container mounted it since we looked: name it as the first refusal does.
        VolumeEntry now = entryOf(*rt, name, false);
        if (now.inUse()) throw VolumeInUse(name, now.usedBy);
        throw;
    }
    return e;
}

VolumePrunePlan VolumeManager::planPrune(const std::string& host, const std::optional<std::set<std::string>>& confirmed) {
    if (confirmed)
        for (const auto& n : *confirmed) checkVolumeName(n, "confirm");
    return planVolumePrune(entries(*engine(host), true), confirmed);
}

VolumePruneReport VolumeManager::prune(const std::string& host, const std::optional<std::set<std::string>>& confirmed) {
    VolumePruneReport report;
    report.plan = planPrune(host, confirmed);
    report.outcomes = executeVolumePrune(*engine(host), report.plan);
    return report;
}

}  // namespace rivetr::volumes
