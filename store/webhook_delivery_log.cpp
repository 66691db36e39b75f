// The history of webhook deliveries per app (what each did and why), newest first, pruned to a budget per app.
#include "store/webhook_delivery_log.hpp"

namespace rivetr::store {
namespace {

void insert(Database& db, const WebhookDeliveryEntry& e) {
    db.prepare("INSERT INTO webhook_delivery_log(app_id, provider, event, delivery_id, ref, commit_sha, result, reason, "
               "deployment_id, http_status, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        .bindAll(e.appId, e.provider, e.event, e.deliveryId, e.ref, e.commitSha, e.result, e.reason, e.deploymentId,
                 e.httpStatus, e.receivedAt)
        .exec();
}

// Keeps the newest `keep` rows of the app in the entry's budget (rejected or genuine).
void prune(Database& db, const std::string& appId, bool rejected, int keep) {
    db.prepare("DELETE FROM webhook_delivery_log WHERE app_id = ?1 AND (result = 'rejected') = ?2 AND id NOT IN "
               "(SELECT id FROM webhook_delivery_log WHERE app_id = ?1 AND (result = 'rejected') = ?2 "
               "ORDER BY id DESC LIMIT ?3)")
        .bindAll(appId, std::int64_t{rejected}, keep)
        .exec();
}

}  // namespace

std::int64_t WebhookDeliveryLog::record(const WebhookDeliveryEntry& e) {
    return store_.withDb([&](Database& db) -> std::int64_t {
        Transaction tx(db);
        // The app may have been deleted between the delivery's arrival and now (rejections are
        // recorded after the answer): then there is nobody to show the row to.
        auto exists = db.prepare("SELECT 1 FROM apps WHERE id = ?");
        exists.bind(1, e.appId);
        if (!exists.step()) return 0;
        insert(db, e);
        auto id = db.lastInsertRowId();
        bool rejected = e.result == "rejected";
        prune(db, e.appId, rejected, rejected ? kKeepRejectedPerApp : kKeepPerApp);
        tx.commit();
        return id;
    });
}

std::vector<WebhookDeliveryEntry> WebhookDeliveryLog::forApp(const std::string& appId) {
    return store_.withDb([&](Database& db) {
        auto st = db.prepare("SELECT id, app_id, provider, event, delivery_id, ref, commit_sha, result, reason, "
                             "deployment_id, http_status, received_at FROM webhook_delivery_log WHERE app_id = ? "
                             "ORDER BY id DESC");
        st.bind(1, appId);
        std::vector<WebhookDeliveryEntry> out;
        while (st.step()) {
            WebhookDeliveryEntry e;
            st.columnsFrom(0, e.id, e.appId, e.provider, e.event, e.deliveryId, e.ref, e.commitSha, e.result,
                           e.reason, e.deploymentId);
            e.httpStatus = static_cast<int>(st.getInt(10));
            e.receivedAt = st.getInt(11);
            out.push_back(std::move(e));
        }
        return out;
    });
}

}  // namespace rivetr::store
