// Webhook delivery ids: a second claim of the same id is a duplicate, ids expire after the retention.
#include "store/webhook_delivery_repository.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace rivetr::store {
namespace {

TEST(WebhookDeliveryRepository, SecondClaimOfAnIdIsADuplicate) {
    test::TempDir dir;
    auto store = Store::open(dir.path());
    WebhookDeliveryRepository deliveries(*store);
    EXPECT_TRUE(deliveries.claim("github", "d-1", 1000));
    EXPECT_FALSE(deliveries.claim("github", "d-1", 2000));
    EXPECT_TRUE(deliveries.claim("gitlab", "d-1", 2000)) << "ids are per provider";
    EXPECT_EQ(deliveries.count(), 2);
}

TEST(WebhookDeliveryRepository, ReleasedClaimCanBeClaimedAgain) {
    test::TempDir dir;
    auto store = Store::open(dir.path());
    WebhookDeliveryRepository deliveries(*store);
    ASSERT_TRUE(deliveries.claim("gitea", "x", 1000));
    deliveries.release("gitea", "x");
    EXPECT_TRUE(deliveries.claim("gitea", "x", 1001));
}

TEST(WebhookDeliveryRepository, IdsOlderThanTheRetentionArePruned) {
    test::TempDir dir;
    auto store = Store::open(dir.path());
    WebhookDeliveryRepository deliveries(*store);
    const std::int64_t t0 = 1'000'000;
    ASSERT_TRUE(deliveries.claim("github", "old", t0));
    ASSERT_TRUE(deliveries.claim("github", "recent", t0 + WebhookDeliveryRepository::kRetentionMs));
    EXPECT_TRUE(deliveries.claim("github", "new", t0 + WebhookDeliveryRepository::kRetentionMs + 1));
    EXPECT_EQ(deliveries.count(), 2) << "the week-old id was not pruned";
    EXPECT_TRUE(deliveries.claim("github", "old", t0 + WebhookDeliveryRepository::kRetentionMs + 2));
}

}  // namespace
}  // namespace rivetr::store
