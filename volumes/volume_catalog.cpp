// The Docker manager's volume list: every volume on an engine joined with the containers that mount it, its size and its owner.
#include "volumes/volume_catalog.hpp"

#include "runtime/naming.hpp"

namespace rivetr::volumes {
namespace {

std::string label(const runtime::Labels& labels, const char* key) {
    auto it = labels.find(key);
    return it == labels.end() ? std::string() : it->second;
}

}  // namespace

std::vector<VolumeEntry> joinVolumes(const std::vector<runtime::VolumeInfo>& volumes,
                                     const std::vector<runtime::ContainerSummary>& containers,
                                     const std::map<std::string, runtime::VolumeUsage>& usage) {
    std::map<std::string, std::vector<VolumeUser>> users;
    for (const auto& c : containers)
        for (const auto& m : c.mounts)
            if (m.type == "volume" && !m.name.empty()) users[m.name].push_back({c.id, c.name, c.state, m.destination, m.readOnly});
    std::vector<VolumeEntry> out;
    out.reserve(volumes.size());
    for (const auto& v : volumes) {
        VolumeEntry e;
        e.volume = v;
        if (auto it = users.find(v.name); it != users.end()) e.usedBy = it->second;
        if (auto it = usage.find(v.name); it != usage.end()) e.usage = it->second;
        e.appId = label(v.labels, runtime::kAppLabel);
        e.stack = label(v.labels, kStackLabel);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<VolumeEntry> listVolumeEntries(runtime::ContainerRuntime& rt, bool withUsage) {
    // Volumes first: a container created between the two calls is then still seen using its volume.
    auto volumes = rt.listVolumes({});
    auto containers = rt.listContainers({}, true);
    return joinVolumes(volumes, containers, withUsage ? measuredUsage(rt) : std::map<std::string, runtime::VolumeUsage>{});
}

std::map<std::string, runtime::VolumeUsage> measuredUsage(runtime::VolumeStore& rt) {
    try {
        return rt.volumeUsage();
    } catch (const runtime::RuntimeError& e) {
        if (e.kind() == runtime::ErrorKind::DaemonUnavailable) throw;  // the host is down: not a matter of sizes
        return {};
    }
}

}  // namespace rivetr::volumes
