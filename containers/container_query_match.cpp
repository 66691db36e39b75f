// The engine's own container filters (all, status, label) applied to a list already read, as `docker ps --filter` applies them.
#include "containers/container_query_match.hpp"

#include <algorithm>

namespace rivetr::containers {

bool answerableFromList(const runtime::ContainerQuery& q) { return q.names.empty() && q.images.empty(); }

bool matchesQuery(const runtime::ContainerSummary& row, const runtime::ContainerQuery& q) {
    bool running = row.state == "running" || row.state == "paused" || row.state == "restarting";
    if (!q.all && q.states.empty() && !running) return false;
    if (!q.states.empty() && std::find(q.states.begin(), q.states.end(), row.state) == q.states.end()) return false;
    return std::all_of(q.labels.begin(), q.labels.end(), [&](const auto& want) {
        auto has = row.labels.find(want.first);
        return has != row.labels.end() && (want.second.empty() || has->second == want.second);
    });
}

}  // namespace rivetr::containers
