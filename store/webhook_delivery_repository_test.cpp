// Webhook delivery ids: a second claim of the same id for the same app is a duplicate, ids expire after the
// retention, and ids recorded before migration 009 still count for every app.
#include "store/webhook_delivery_repository.hpp"

#include <gtest/gtest.h>

#include "store/migration.hpp"
#include "store/migrator.hpp"
#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

struct WebhookDeliveries : testing::StoreTest {
    WebhookDeliveryRepository deliveries{*store};
};

TEST_F(WebhookDeliveries, SecondClaimOfAnIdForAnAppIsADuplicate) {
    EXPECT_TRUE(deliveries.claim("github", "d-1", "app_web", 1000));
    EXPECT_FALSE(deliveries.claim("github", "d-1", "app_web", 2000));
    EXPECT_TRUE(deliveries.claim("gitlab", "d-1", "app_web", 2000)) << "ids are per provider";
    EXPECT_EQ(deliveries.count(), 2);
}

// GitHub sends one X-GitHub-Delivery to every hook of an event: a monorepo's two apps, a hook each.
TEST_F(WebhookDeliveries, OneDeliveryIdIsClaimedOncePerApp) {
    EXPECT_TRUE(deliveries.claim("github", "d-1", "app_web", 1000));
    EXPECT_TRUE(deliveries.claim("github", "d-1", "app_worker", 1000)) << "the second app's hook was a duplicate";
    EXPECT_FALSE(deliveries.claim("github", "d-1", "app_worker", 1001));
}

TEST_F(WebhookDeliveries, ReleasedClaimCanBeClaimedAgain) {
    ASSERT_TRUE(deliveries.claim("gitea", "x", "app_web", 1000));
    ASSERT_TRUE(deliveries.claim("gitea", "x", "app_worker", 1000));
    deliveries.release("gitea", "x", "app_web");
    EXPECT_TRUE(deliveries.claim("gitea", "x", "app_web", 1001));
    EXPECT_FALSE(deliveries.claim("gitea", "x", "app_worker", 1001)) << "releasing one app released another";
}

TEST_F(WebhookDeliveries, IdsOlderThanTheRetentionArePruned) {
    const std::int64_t t0 = 1'000'000;
    ASSERT_TRUE(deliveries.claim("github", "old", "app_web", t0));
    ASSERT_TRUE(deliveries.claim("github", "recent", "app_web", t0 + WebhookDeliveryRepository::kRetentionMs));
    EXPECT_TRUE(deliveries.claim("github", "new", "app_web", t0 + WebhookDeliveryRepository::kRetentionMs + 1));
    EXPECT_EQ(deliveries.count(), 2) << "the week-old id was not pruned";
    EXPECT_TRUE(deliveries.claim("github", "old", "app_web", t0 + WebhookDeliveryRepository::kRetentionMs + 2));
}

// An id claimed before the upgrade was claimed for every app; a redelivery of it after the upgrade
// deploys nothing either.
TEST(WebhookDeliveryRepository, IdsRecordedBeforeMigration009CountForEveryApp) {
    test::TempDir dir;
    {
        auto db = Database::open(Store::databasePath(dir.path()));
        std::vector<Migration> before;
        for (const auto& m : embeddedMigrations()) {
            if (m.version < 9) before.push_back(m);
        }
        migrate(db, before);
        for (const char* id : {"app_web", "app_worker"}) {
            db.prepare("INSERT INTO apps(id, name, git_url, port, webhook_secret_enc, created_at, updated_at) "
                       "VALUES (?, ?, 'file:///x', 3000, x'00', 0, 0)")
                .bind(1, std::string(id))
                .bind(2, std::string(id))
                .exec();
        }
        db.exec("INSERT INTO webhook_deliveries(provider, delivery_id, received_at) VALUES ('github', 'd-old', 5000)");
    }
    auto store = Store::open(dir.path());
    WebhookDeliveryRepository deliveries(*store);
    EXPECT_FALSE(deliveries.claim("github", "d-old", "app_web", 6000));
    EXPECT_FALSE(deliveries.claim("github", "d-old", "app_worker", 6000));
    EXPECT_TRUE(deliveries.claim("github", "d-new", "app_web", 6000));
}

}  // namespace
}  // namespace rivetr::store
