// The engine's internal bus: job status changes (deployments, app actions) and log lines, for SSE streams and notifications.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace rivetr::engine {

struct DeploymentEvent {
    // WebhookDelivery: a webhook delivery was recorded in the app's history (api/); `status` is its
    // result and deploymentId the deployment it started, if any.
    enum class Kind { Status, Log, WebhookDelivery };
    Kind kind = Kind::Status;
    std::string deploymentId;  // or, for an app action job, the action's id ("act_…")
    std::string appId;
    // Set for an app action job (start | stop | restart): then `status` is pending, in_progress,
    // done or failed, and there is no deployment record behind deploymentId.
    std::string action;
    std::string status;  // Status: the new status
    std::string error;   // Status: why, for failed / rolled_back / cancelled
    std::string stream;  // Log: build | system | runtime
    std::string line;    // Log: one line
};

// Subscribers are called on the publishing thread and must not block; a subscription ends
// when its handle is destroyed.
class DeploymentEvents {
public:
    using Handler = std::function<void(const DeploymentEvent&)>;
    using Subscription = std::shared_ptr<void>;

    // `deploymentId` empty: every deployment (e.g. notifications, the dashboard's overview).
    Subscription subscribe(const std::string& deploymentId, Handler handler);
    void publish(const DeploymentEvent& event);

private:
    struct Entry {
        std::string deploymentId;
        Handler handler;
    };
    std::mutex mutex_;
    std::map<std::uint64_t, Entry> entries_;
    std::uint64_t next_ = 0;
};

}  // namespace rivetr::engine
