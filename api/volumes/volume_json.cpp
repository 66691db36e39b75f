// The volume routes' answers as JSON: what the dashboard, the CLI and the OpenAPI schemas (Volume*) see.
#include "api/volumes/volume_json.hpp"

#include <algorithm>
#include <map>

namespace rivetr::api {
namespace {

using nlohmann::json;

json known(std::int64_t v) { return v < 0 ? json() : json(v); }
json orNull(const std::string& s) { return s.empty() ? json() : json(s); }

}  // namespace

json volumeUsersJson(const std::vector<volumes::VolumeUser>& users) {
    json out = json::array();
    for (const auto& u : users)
        out.push_back({{"id", u.id}, {"name", u.name}, {"state", u.state}, {"target", u.target}, {"read_only", u.readOnly}});
    return out;
}

json volumeJson(const volumes::VolumeEntry& e, const std::string& host) {
    const auto& v = e.volume;
    json app = e.appId.empty() ? json() : json{{"id", e.appId}, {"name", e.appName.empty() ? e.appId : e.appName}};
    return {{"name", v.name},
            {"host", host},
            {"driver", v.driver},
            {"mountpoint", v.mountpoint},
            {"created_at", orNull(v.createdAt)},
            {"labels", v.labels},
            {"options", v.options},
            {"in_use", e.inUse()},
            {"used_by", volumeUsersJson(e.usedBy)},
            {"app", app},
            {"stack", orNull(e.stack)},
            {"size_bytes", known(e.usage.sizeBytes)},
            {"ref_count", known(e.usage.refCount)}};
}

json volumePruneJson(const std::string& host, const volumes::VolumePrunePlan& plan, bool dryRun,
                     const std::vector<volumes::VolumePruneOutcome>& outcomes) {
    json listed = json::array(), kept = json::array(), done = json::array();
    std::int64_t size = 0, freed = 0;
    std::map<std::string, std::int64_t> sizes;
    for (const auto& c : plan.remove) {
        listed.push_back({{"name", c.name}, {"size_bytes", known(c.sizeBytes)}});
        size += std::max<std::int64_t>(0, c.sizeBytes);
        sizes[c.name] = std::max<std::int64_t>(0, c.sizeBytes);
    }
    for (const auto& k : plan.kept) kept.push_back({{"name", k.name}, {"reason", k.reason}});
    for (const auto& o : outcomes) {
        done.push_back({{"name", o.name}, {"removed", o.removed}, {"error", orNull(o.error)}});
        if (o.removed) freed += sizes[o.name];
    }
    return {{"host", host},   {"dry_run", dryRun}, {"volumes", listed},          {"kept", kept},
            {"size_bytes", size}, {"outcomes", done}, {"removed_size_bytes", freed}};
}

}  // namespace rivetr::api
