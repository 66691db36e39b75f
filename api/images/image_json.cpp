// The image routes' answers as JSON: what the dashboard, the CLI and the OpenAPI schemas (Image*) see.
#include "api/images/image_json.hpp"

#include "core/clock.hpp"

namespace rivetr::api {
namespace {

using nlohmann::json;

// "sha256:0123456789ab..." -> "0123456789ab", as `docker images` shows it.
std::string shortId(const std::string& id) {
    auto hex = id.rfind("sha256:", 0) == 0 ? id.substr(7) : id;
    return hex.substr(0, 12);
}

json containers(const std::vector<images::ContainerRef>& refs) {
    json out = json::array();
    for (const auto& c : refs) out.push_back({{"id", c.id}, {"name", c.name}, {"state", c.state}});
    return out;
}

json usage(const runtime::DiskUsageCategory& c) {
    return {{"total", c.total}, {"active", c.active}, {"size_bytes", c.sizeBytes}, {"reclaimable_bytes", c.reclaimableBytes}};
}

json outcomeJson(const images::PruneOutcome& o) {
    return {{"id", o.id}, {"removed", o.removed}, {"untagged", o.untagged}, {"deleted", o.deleted},
            {"error", o.error.empty() ? json() : json(o.error)}};
}

}  // namespace

json imageJson(const images::ImageEntry& e, const std::string& host) {
    const auto& i = e.image;
    return {{"id", i.id},
            {"host", host},
            {"short_id", shortId(i.id)},
            {"tags", i.repoTags},
            {"digests", i.repoDigests},
            {"size_bytes", i.sizeBytes},
            {"created_at", formatRfc3339(i.created * 1000)},
            {"dangling", i.dangling},
            {"in_use", e.inUse()},
            {"used_by", containers(e.usedBy)},
            {"managed", e.managed},
            {"app_id", e.app.empty() ? json() : json(e.app)},
            {"labels", i.labels}};
}

json pullProgressJson(const runtime::PullProgress& p) {
    return {{"id", p.id}, {"status", p.status}, {"current", p.current}, {"total", p.total}};
}

json pullResultJson(const runtime::PullResult& r) {
    return {{"reference", r.reference}, {"image_id", r.imageId}, {"digest", r.digest}, {"status", r.status}};
}

json imageRemovalJson(const runtime::ImageRemoval& r) { return {{"untagged", r.untagged}, {"deleted", r.deleted}}; }

json imageLayerJson(const runtime::ImageLayer& l) {
    return {{"id", l.id},
            {"created_at", formatRfc3339(l.created * 1000)},
            {"created_by", l.createdBy},
            {"tags", l.tags},
            {"size_bytes", l.sizeBytes},
            {"comment", l.comment}};
}

json diskUsageJson(const runtime::DiskUsage& u) {
    return {{"images", usage(u.images)}, {"containers", usage(u.containers)}, {"volumes", usage(u.volumes)},
            {"build_cache", usage(u.buildCache)}};
}

json pruneJson(const images::PrunePlan& plan, bool dryRun, const std::vector<images::PruneOutcome>& outcomes,
               std::int64_t removedSizeBytes) {
    json remove = json::array(), kept = json::array(), done = json::array();
    for (const auto& c : plan.remove) remove.push_back({{"id", c.id}, {"tags", c.tags}, {"size_bytes", c.sizeBytes}});
    for (const auto& k : plan.kept) kept.push_back({{"id", k.id}, {"tags", k.tags}, {"reason", k.reason}});
    for (const auto& o : outcomes) done.push_back(outcomeJson(o));
    return {{"mode", images::toString(plan.mode)},
            {"dry_run", dryRun},
            {"images", remove},
            {"kept", kept},
            {"size_bytes", plan.sizeBytes},
            {"outcomes", done},
            {"removed_size_bytes", removedSizeBytes}};
}

}  // namespace rivetr::api
