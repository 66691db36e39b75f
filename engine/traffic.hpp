// The engine's seam to the data plane: put an app's live container behind its domains, or take it away.
#pragma once

#include <future>
#include <string>
#include <vector>

namespace rivetr::engine {

struct AppTarget {
    std::string appId;
    std::vector<std::string> domains;
    std::string host;  // where the proxy reaches the container (127.0.0.1 + published port)
    int port = 0;      // 0 only in a parked target (see parked())

    // A target with no container: the app's domains answer 503 (an app its user stopped, or whose
    // container died). Say it with this, not with a port of 0.
    static AppTarget parked(std::string appId, std::vector<std::string> domains) {
        return {std::move(appId), std::move(domains), "", 0};
    }
    bool isParked() const { return port == 0; }
};

class Traffic {
public:
    virtual ~Traffic() = default;
    // One swap for all the app's domains. The future is ready once the previous target has
    // drained (in-flight requests finished), so its container may be stopped only then.
    virtual std::future<void> route(const AppTarget& target) = 0;
    virtual std::future<void> unroute(const std::string& appId) = 0;
    // Parks the app (503) only while its domains still lead to host:port, in one check-and-set:
    // a container that died must not take down the one a deployment has just switched to.
    virtual std::future<void> parkIfServing(const std::string& appId, const std::string& host, int port) = 0;
    // Replaces every app route at once (start-up reconcile); external routes are kept.
    virtual std::future<void> replaceAll(const std::vector<AppTarget>& targets) = 0;
};

}  // namespace rivetr::engine
