// The history of webhook deliveries per app (what each did and why), newest first, pruned to a budget per app.
#include "store/webhook_delivery_log.hpp"

namespace rivetr::store {
namespace {

void insert(Database& db, const WebhookDeliveryEntry& e) {
    db.prepare("INSERT INTO webhook_delivery_log(app_id, provider, event, delivery_id, ref, commit_sha, result, reason, "
               "deployment_id, http_status, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, e.appId)
        .bind(2, e.provider)
        .bind(3, e.event)
        .bind(4, e.deliveryId)
        .bind(5, e.ref)
        .bind(6, e.commitSha)
        .bind(7, e.result)
        .bind(8, e.reason)
        .bind(9, e.deploymentId)
        .bind(10, e.httpStatus)
        .bind(11, e.receivedAt)
        .exec();
}

// Keeps the newest `keep` rows of the app in the entry's budget (rejected or genuine).
void prune(Database& db, const std::string& appId, bool rejected, int keep) {
    db.prepare("DELETE FROM webhook_delivery_log WHERE app_id = ?1 AND (result = 'rejected') = ?2 AND id NOT IN "
               "(SELECT id FROM webhook_delivery_log WHERE app_id = ?1 AND (result = 'rejected') = ?2 "
               "ORDER BY id DESC LIMIT ?3)")
        .bind(1, appId)
        .bind(2, std::int64_t{rejected})
        .bind(3, keep)
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
            e.id = st.getInt(0);
            e.appId = st.getText(1);
            e.provider = st.getText(2);
            e.event = st.getText(3);
            e.deliveryId = st.getText(4);
            e.ref = st.getOptText(5);
            e.commitSha = st.getOptText(6);
            e.result = st.getText(7);
            e.reason = st.getText(8);
            e.deploymentId = st.getOptText(9);
            e.httpStatus = static_cast<int>(st.getInt(10));
            e.receivedAt = st.getInt(11);
            out.push_back(std::move(e));
        }
        return out;
    });
}

}  // namespace rivetr::store
