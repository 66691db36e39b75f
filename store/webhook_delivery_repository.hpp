// Delivery ids of verified webhooks: a provider's redelivery or an attacker's replay is recognised and deploys nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "store/store.hpp"

namespace rivetr::store {

class WebhookDeliveryRepository {
public:
    // Ids are remembered this long; providers redeliver within hours, a week is ample.
    static constexpr std::int64_t kRetentionMs = 7LL * 24 * 3600 * 1000;

    explicit WebhookDeliveryRepository(Store& store) : store_(store) {}

    // Records (provider, id, app) at `now`; false when it was already recorded (a duplicate). Per
    // app, because a provider sends one delivery id to every hook of an event (one hook per app).
    // Prunes ids older than the retention in the same transaction.
    bool claim(const std::string& provider, const std::string& deliveryId, const std::string& appId, std::int64_t now);
    // Forgets a claim whose work failed, so the provider's redelivery is accepted.
    void release(const std::string& provider, const std::string& deliveryId, const std::string& appId);
    std::int64_t count();

private:
    Store& store_;
};

}  // namespace rivetr::store
