// The Docker manager's image prune: a plan computed from the listing (shown first as a dry run), then exactly its images removed.
#include "images/prune_plan.hpp"

namespace rivetr::images {
namespace {

bool hasLabels(const runtime::Labels& have, const runtime::LabelFilter& want) {
    for (const auto& [k, v] : want) {
        auto it = have.find(k);
        if (it == have.end() || (!v.empty() && it->second != v)) return false;
    }
    return true;
}

// Why an image the mode and filter select must stay; empty when it may go.
std::string reasonToKeep(const ImageEntry& e) {
    if (e.inUse()) {
        std::string names;
        for (const auto& c : e.usedBy) names += (names.empty() ? "" : ", ") + (c.name.empty() ? c.id.substr(0, 12) : c.name);
        return "used by container " + names;
    }
    if (e.managed) return e.app.empty() ? "built by Rivetr" : "built by Rivetr for app " + e.app;
    return {};
}

bool selected(const ImageEntry& e, const PruneFilter& f) {
    if (f.mode == PruneMode::Dangling && !e.image.dangling) return false;
    if (!hasLabels(e.image.labels, f.labels)) return false;
    return !f.onlyIds || f.onlyIds->count(e.image.id) > 0;
}

PruneOutcome removeOne(runtime::ImageStore& store, const PruneCandidate& c) {
    PruneOutcome o{c.id, false, {}, {}, {}};
    auto record = [&](const runtime::ImageRemoval& r) {
        o.untagged.insert(o.untagged.end(), r.untagged.begin(), r.untagged.end());
        o.deleted.insert(o.deleted.end(), r.deleted.begin(), r.deleted.end());
    };
    try {
        // Tag by tag: removing the last one deletes the image, unless a tag was added since the plan.
        for (const auto& tag : c.tags) record(store.removeImage(tag, false));
        if (c.tags.empty()) record(store.removeImage(c.id, false));
    } catch (const runtime::RuntimeError& e) {
        o.error = e.daemonMessage();
    }
    for (const auto& d : o.deleted) o.removed = o.removed || d == c.id;
    return o;
}

// What is left of a planned image that did not go. Only an untagged one is tried again by id: a tag
// added since the plan would go with it.
enum class Left { Gone, Untagged, Tagged };

Left lookup(runtime::ImageStore& store, const std::string& id) {
    try {
        return store.inspectImage(id).repoTags.empty() ? Left::Untagged : Left::Tagged;
    } catch (const runtime::RuntimeError& e) {
        return e.kind() == runtime::ErrorKind::ImageNotFound ? Left::Gone : Left::Tagged;
    }
}

// Tries a refused or only-untagged image again by id (never forced); true when it went now.
bool retry(runtime::ImageStore& store, PruneOutcome& o) {
    PruneOutcome again = removeOne(store, {o.id, {}, 0});
    if (!again.removed) return false;
    o.removed = true;
    o.error.clear();
    o.deleted.insert(o.deleted.end(), again.deleted.begin(), again.deleted.end());
    return true;
}

}  // namespace

std::optional<PruneMode> pruneModeFromString(const std::string& s) {
    if (s == "dangling") return PruneMode::Dangling;
    if (s == "unused") return PruneMode::Unused;
    return std::nullopt;
}

const char* toString(PruneMode mode) { return mode == PruneMode::Dangling ? "dangling" : "unused"; }

PrunePlan planPrune(const std::vector<ImageEntry>& entries, const PruneFilter& filter) {
    PrunePlan plan;
    plan.mode = filter.mode;
    for (const auto& e : entries) {
        if (!selected(e, filter)) continue;
        if (std::string why = reasonToKeep(e); !why.empty()) {
            plan.kept.push_back({e.image.id, e.image.repoTags, why});
            continue;
        }
        plan.remove.push_back({e.image.id, e.image.repoTags, e.image.sizeBytes});
        plan.sizeBytes += e.image.sizeBytes;
    }
    return plan;
}

PruneReport executePrune(runtime::ImageStore& store, const PrunePlan& plan) {
    PruneReport report;
    report.plan = plan;
    bool progress = false;
    for (const auto& c : plan.remove) {
        report.outcomes.push_back(removeOne(store, c));
        progress = progress || report.outcomes.back().removed;
    }
    // The parent of another planned image stays (refused, or only untagged) until that one goes; the
    // engine then deletes it with its child, or it goes when tried again after a pass that removed
    // something (Podman does not take parents along).
    while (progress) {
        progress = false;
        std::set<std::string> gone;
        for (const auto& o : report.outcomes) gone.insert(o.deleted.begin(), o.deleted.end());
        for (auto& o : report.outcomes) {
            if (o.removed) continue;
            Left left = gone.count(o.id) ? Left::Gone : lookup(store, o.id);
            if (left == Left::Gone) {
                o.removed = true;
                o.error.clear();
            } else if (left == Left::Untagged) {
                progress = retry(store, o) || progress;
            }
        }
    }
    for (std::size_t i = 0; i < plan.remove.size(); ++i)
        if (report.outcomes[i].removed) report.removedSizeBytes += plan.remove[i].sizeBytes;
    return report;
}

}  // namespace rivetr::images
