// The live log of one deployment as SSE: stored lines after a given id, then new ones, status changes, end.
#include "api/apps/deployment_log_stream.hpp"

#include "api/apps/deployment_routes.hpp"

namespace rivetr::api {

DeploymentLogStream::DeploymentLogStream(store::DeploymentRepository& repo, engine::DeploymentEvents& events,
                                         std::string deploymentId, std::int64_t afterId)
    : repo_(repo), events_(events), deploymentId_(std::move(deploymentId)), lastId_(afterId) {}

void DeploymentLogStream::begin(Wake wake) {
    subscription_ = events_.subscribe(deploymentId_, [wake](const engine::DeploymentEvent&) { wake(); });
}

bool DeploymentLogStream::sendNewLines(SseStream& out) {
    constexpr int kBatch = 1000;
    while (true) {
        auto lines = repo_.logs(deploymentId_, lastId_, kBatch);
        for (const auto& l : lines) {
            nlohmann::json data{{"id", l.id}, {"ts", l.ts}, {"stream", l.stream}, {"line", l.line}};
            if (!out.event("log", l.id, data.dump())) return false;
            lastId_ = l.id;
        }
        if (lines.size() < static_cast<std::size_t>(kBatch)) return true;
    }
}

// The status is read before the lines: the pipeline flushes its log before it persists a
// terminal status, so once we see "terminal" every line is already in the store.
bool DeploymentLogStream::pump(SseStream& out) {
    auto d = repo_.get(deploymentId_);
    if (!d) {
        out.event("end", std::nullopt, "{}");
        return false;
    }
    if (!sendNewLines(out)) return false;
    if (d->status != lastStatus_) {
        if (!out.event("status", std::nullopt, deploymentToJson(*d).dump())) return false;
        lastStatus_ = d->status;
    }
    if (store::isTerminalStatus(d->status)) {
        out.event("end", std::nullopt, "{}");
        return false;
    }
    return true;
}

}  // namespace rivetr::api
