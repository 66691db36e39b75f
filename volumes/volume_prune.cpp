// The Docker manager's volume prune: a plan of the unused volumes (shown first as a dry run), then exactly those removed.
#include "volumes/volume_prune.hpp"

#include "runtime/runtime_error.hpp"

namespace rivetr::volumes {
namespace {

std::string usersOf(const VolumeEntry& e) {
    std::string names;
    for (const auto& u : e.usedBy) names += (names.empty() ? "" : ", ") + u.name;
    return names;
}

}  // namespace

VolumePrunePlan planVolumePrune(const std::vector<VolumeEntry>& entries, const std::optional<std::set<std::string>>& confirmed) {
    VolumePrunePlan plan;
    std::set<std::string> seen;
    for (const auto& e : entries) {
        const std::string& name = e.volume.name;
        seen.insert(name);
        bool asked = !confirmed || confirmed->count(name) > 0;
        if (!asked) continue;
        if (e.inUse()) {
            if (confirmed) plan.kept.push_back({name, "in use now by " + usersOf(e)});
        } else if (!e.appId.empty()) {
            plan.kept.push_back({name, "belongs to the app '" + (e.appName.empty() ? e.appId : e.appName) + "'"});
        } else {
            plan.remove.push_back({name, e.usage.sizeBytes});
        }
    }
    if (confirmed)
        for (const auto& name : *confirmed)
            if (!seen.count(name)) plan.kept.push_back({name, "no longer exists"});
    return plan;
}

std::vector<VolumePruneOutcome> executeVolumePrune(runtime::VolumeStore& store, const VolumePrunePlan& plan) {
    std::vector<VolumePruneOutcome> out;
    for (const auto& c : plan.remove) {
        VolumePruneOutcome o{c.name, false, ""};
        try {
            store.removeVolume(c.name, false);
            o.removed = true;
        } catch (const runtime::RuntimeError& e) {
            if (e.kind() == runtime::ErrorKind::DaemonUnavailable) throw;
            o.error = e.daemonMessage();
        }
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace rivetr::volumes
