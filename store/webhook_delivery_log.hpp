// The history of webhook deliveries per app (what each did and why), newest first, pruned to a budget per app.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace rivetr::store {

struct WebhookDeliveryEntry {
    std::int64_t id = 0;  // order of arrival
    std::string appId;
    std::string provider;    // github | gitlab | gitea | bitbucket
    std::string event;       // the provider's own event name
    std::string deliveryId;  // "" when the provider sent none
    std::optional<std::string> ref, commitSha;
    std::string result;  // deployed | ignored | pong | rejected | failed
    std::string reason;  // why, in words a user reads
    std::optional<std::string> deploymentId;  // set for "deployed" (null once that deployment is pruned)
    int httpStatus = 0;  // what Rivetr answered the provider
    std::int64_t receivedAt = 0;
};

class WebhookDeliveryLog {
public:
    // Kept per app: genuine deliveries (every result but "rejected"), and apart from them rejected
    // ones, which anyone can send: a flood of forged requests rotates only the rejected budget.
    static constexpr int kKeepPerApp = 50;
    static constexpr int kKeepRejectedPerApp = 10;

    explicit WebhookDeliveryLog(Store& store) : store_(store) {}

    // Stores `e` (its id is assigned) and drops the app's rows beyond its budget in the same
    // transaction; returns the id. A row for an app deleted meanwhile is not stored (returns 0).
    std::int64_t record(const WebhookDeliveryEntry& e);
    // The app's rows, newest first.
    std::vector<WebhookDeliveryEntry> forApp(const std::string& appId);

private:
    Store& store_;
};

}  // namespace rivetr::store
