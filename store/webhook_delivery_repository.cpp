// Delivery ids of verified webhooks: a provider's redelivery or an attacker's replay is recognised and deploys nothing.
#include "store/webhook_delivery_repository.hpp"

namespace rivetr::store {

// INSERT OR IGNORE makes check-and-record one statement, so two concurrent deliveries of the
// same id cannot both pass.
bool WebhookDeliveryRepository::claim(const std::string& provider, const std::string& deliveryId,
                                      const std::string& appId, std::int64_t now) {
    return store_.withDb([&](Database& db) {
        Transaction tx(db);
        db.prepare("DELETE FROM webhook_deliveries WHERE received_at < ?").bind(1, now - kRetentionMs).exec();
        int inserted = db.prepare("INSERT OR IGNORE INTO webhook_deliveries(provider, delivery_id, app_id, received_at) "
                                  "VALUES (?,?,?,?)")
                           .bindAll(provider, deliveryId, appId, now)
                           .exec();
        tx.commit();
        return inserted == 1;
    });
}

void WebhookDeliveryRepository::release(const std::string& provider, const std::string& deliveryId,
                                        const std::string& appId) {
    store_.withDb([&](Database& db) {
        db.prepare("DELETE FROM webhook_deliveries WHERE provider = ? AND delivery_id = ? AND app_id = ?")
            .bindAll(provider, deliveryId, appId)
            .exec();
    });
}

std::int64_t WebhookDeliveryRepository::count() {
    return store_.withDb([](Database& db) {
        auto st = db.prepare("SELECT COUNT(*) FROM webhook_deliveries");
        st.step();
        return st.getInt(0);
    });
}

}  // namespace rivetr::store
