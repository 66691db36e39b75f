// The webhook delivery history: rows per app newest first, the budget of genuine and of rejected rows
// kept apart (forged requests never push out genuine ones), other apps untouched, rows gone with their app.
#include "store/webhook_delivery_log.hpp"

#include <gtest/gtest.h>

#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

struct DeliveryLog : testing::AppStoreTest {
    WebhookDeliveryLog log{*store};

    void SetUp() override {
        for (const char* id : {"app_web", "app_api"}) {
            AppRecord a;
            a.id = id;
            a.name = std::string(id).substr(4);
            a.gitUrl = "https://example.com/acme/shop.git";
            a.webhookSecret = "whsec";
            apps.create(a);
        }
    }
    WebhookDeliveryEntry entry(const std::string& appId, const std::string& delivery, const std::string& result) {
        WebhookDeliveryEntry e;
        e.appId = appId;
        e.provider = "github";
        e.event = "push";
        e.deliveryId = delivery;
        e.result = result;
        e.reason = result == "rejected" ? "bad signature" : "branch dev is not deployed";
        e.httpStatus = result == "rejected" ? 401 : 202;
        e.receivedAt = 1000;
        return e;
    }
};

TEST_F(DeliveryLog, RowsRoundTripNewestFirst) {
    auto e = entry("app_web", "d-1", "ignored");
    e.ref = "refs/heads/dev";
    e.commitSha = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
    EXPECT_GT(log.record(e), 0);
    log.record(entry("app_web", "d-2", "pong"));
    auto rows = log.forApp("app_web");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].deliveryId, "d-2");
    EXPECT_EQ(rows[1].deliveryId, "d-1");
    EXPECT_EQ(rows[1].ref, "refs/heads/dev");
    EXPECT_EQ(rows[1].commitSha, e.commitSha);
    EXPECT_EQ(rows[1].result, "ignored");
    EXPECT_EQ(rows[1].reason, "branch dev is not deployed");
    EXPECT_EQ(rows[1].httpStatus, 202);
    EXPECT_EQ(rows[1].receivedAt, 1000);
    EXPECT_FALSE(rows[0].ref);
    EXPECT_TRUE(log.forApp("app_api").empty()) << "another app saw this app's deliveries";
}

TEST_F(DeliveryLog, OnlyTheNewestRowsOfAnAppAreKept) {
    for (int i = 0; i < WebhookDeliveryLog::kKeepPerApp + 5; ++i) log.record(entry("app_web", "d-" + std::to_string(i), "ignored"));
    log.record(entry("app_api", "other", "ignored"));
    auto rows = log.forApp("app_web");
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(WebhookDeliveryLog::kKeepPerApp));
    EXPECT_EQ(rows.front().deliveryId, "d-" + std::to_string(WebhookDeliveryLog::kKeepPerApp + 4));
    EXPECT_EQ(rows.back().deliveryId, "d-5");
    EXPECT_EQ(log.forApp("app_api").size(), 1u) << "pruning one app's rows touched another's";
}

// Anyone can send a request with a bad signature: however many, the genuine deliveries stay visible.
TEST_F(DeliveryLog, RejectedRowsHaveTheirOwnSmallerBudget) {
    log.record(entry("app_web", "genuine", "ignored"));
    for (int i = 0; i < 100; ++i) log.record(entry("app_web", "forged-" + std::to_string(i), "rejected"));
    auto rows = log.forApp("app_web");
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(WebhookDeliveryLog::kKeepRejectedPerApp + 1));
    EXPECT_EQ(rows.front().deliveryId, "forged-99");
    EXPECT_EQ(rows.back().deliveryId, "genuine");
}

TEST_F(DeliveryLog, RowsGoWithTheirAppAndNoneAreWrittenForAMissingOne) {
    log.record(entry("app_web", "d-1", "ignored"));
    EXPECT_EQ(log.record(entry("app_gone", "d-2", "rejected")), 0);
    apps.remove("app_web");
    EXPECT_TRUE(log.forApp("app_web").empty());
    EXPECT_TRUE(log.forApp("app_gone").empty());
}

}  // namespace
}  // namespace rivetr::store
