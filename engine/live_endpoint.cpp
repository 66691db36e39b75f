// The proof, asked of the engine, that a container is an app's live container and where it is reached.
#include "engine/live_endpoint.hpp"

#include "runtime/naming.hpp"

namespace rivetr::engine {
namespace {

std::string label(const runtime::ContainerInfo& info, const char* key) {
    auto it = info.labels.find(key);
    return it == info.labels.end() ? std::string() : it->second;
}

int publishedPort(const runtime::ContainerInfo& info, int containerPort) {
    for (const auto& p : info.ports) {
        if (p.containerPort == containerPort && p.hostPort > 0) return p.hostPort;
    }
    return 0;
}

std::string notRunning(const std::string& shortId, const runtime::ContainerState& s) {
    if (s.restarting) return "container " + shortId + " is restarting";
    if (s.oomKilled) return "container " + shortId + " was killed for using too much memory";
    return "container " + shortId + " is not running (" + (s.status.empty() ? "gone" : s.status) +
           ", exit code " + std::to_string(s.exitCode) + ")";
}

}  // namespace

LiveEndpoint verifyLiveContainer(runtime::ContainerLifecycle& rt, const std::string& containerId,
                                 const store::AppRecord& app, const std::string& deploymentId) {
    auto info = rt.inspectContainer(containerId);
    auto shortId = containerId.substr(0, 12);
    LiveEndpoint out;
    out.running = info.state.running && !info.state.restarting;
    out.state = info.state;
    if (label(info, runtime::kAppLabel) != app.id || label(info, runtime::kDeploymentLabel) != deploymentId) {
        out.problem = "container " + shortId + " is not app " + app.name + "'s deployment " + deploymentId;
        return out;
    }
    if (!out.running) {
        out.problem = notRunning(shortId, info.state);
        return out;
    }
    int published = publishedPort(info, static_cast<int>(app.port));
    auto assigned = label(info, runtime::kHostPortLabel);
    if (published == 0) {
        out.problem = "container " + shortId + " does not publish port " + std::to_string(app.port);
    } else if (!assigned.empty() && assigned != std::to_string(published)) {
        out.problem = "container " + shortId + " is published on " + std::to_string(published) +
                      ", not on its assigned port " + assigned;
    } else {
        out.hostPort = published;
    }
    return out;
}

}  // namespace rivetr::engine
