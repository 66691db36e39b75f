// Writes what a webhook delivery did into each reached app's history and announces it on the event bus.
#pragma once

#include <atomic>
#include <string>

#include "api/http/worker_pool.hpp"
#include "engine/deployment_events.hpp"
#include "store/webhook_delivery_log.hpp"

namespace rivetr::api {

class WebhookDeliveryRecorder {
public:
    // Unverified requests waiting to be written beyond this are not written (and counted in the log).
    static constexpr std::size_t kMaxQueued = 64;

    WebhookDeliveryRecorder(store::Store& db, engine::DeploymentEvents& events) : log_(db), events_(events) {}

    // A verified delivery: stored before the answer leaves, then announced ("webhook_delivery" on /api/events).
    void record(store::WebhookDeliveryEntry e);
    // A request no secret verified, recorded against the apps of the repository it names, so a user who
    // mistyped the secret on GitHub sees why nothing deploys. Written later on the recorder's own
    // thread: the 401 for a repository some app deploys must leave exactly as soon as the one for an
    // unknown repository (else timing tells which repositories exist). The rows stay bounded: each
    // app keeps only its newest rejected rows, apart from its genuine ones (store::WebhookDeliveryLog).
    void recordLater(store::WebhookDeliveryEntry e);

private:
    void write(store::WebhookDeliveryEntry& e);

    store::WebhookDeliveryLog log_;
    engine::DeploymentEvents& events_;
    std::atomic<std::uint64_t> dropped_{0};
    WorkerPool later_{1};  // last: joined (its queue written) before the rest goes
};

}  // namespace rivetr::api
