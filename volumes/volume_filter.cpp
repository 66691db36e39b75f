// Which volumes a list shows: the Docker manager's filters (driver, label, dangling, app, stack, search), ANDed.
#include "volumes/volume_filter.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cctype>

namespace rivetr::volumes {
namespace {

bool hasLabels(const runtime::Labels& have, const runtime::LabelFilter& want) {
    return std::all_of(want.begin(), want.end(), [&](const auto& w) {
        auto it = have.find(w.first);
        return it != have.end() && (w.second.empty() || it->second == w.second);
    });
}

}  // namespace

bool matches(const VolumeEntry& e, const VolumeFilter& f) {
    if (!f.driver.empty() && e.volume.driver != f.driver) return false;
    if (!hasLabels(e.volume.labels, f.labels)) return false;
    if (f.dangling && *f.dangling == e.inUse()) return false;
    if (!f.app.empty() && (e.appId.empty() || (e.appId != f.app && e.appName != f.app))) return false;
    if (!f.stack.empty() && e.stack != f.stack) return false;
    return f.search.empty() || asciiLower(e.volume.name).find(asciiLower(f.search)) != std::string::npos;
}

}  // namespace rivetr::volumes
