// Rate limits: bursts, refill over time, Retry-After, separate keys, failure budgets, forgetting idle keys.
#include "api/auth/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace rivetr::api {
namespace {

using std::chrono::seconds;

TEST(TokenBuckets, BurstThenRefillAtTheRate) {
    TokenBuckets b(60, 3);  // one a second, three at once
    RateClock::time_point t{};
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(b.take("k", t)) << i;
    EXPECT_EQ(b.take("k", t), seconds(1));
    EXPECT_FALSE(b.take("other", t)) << "keys share a bucket";
    EXPECT_EQ(b.take("k", t + std::chrono::milliseconds(500)), seconds(1));
    EXPECT_FALSE(b.take("k", t + seconds(1)));
    EXPECT_TRUE(b.take("k", t + seconds(1)));
    // A long pause refills only up to the burst.
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(b.take("k", t + seconds(100))) << i;
    EXPECT_TRUE(b.take("k", t + seconds(100)));
}

TEST(TokenBuckets, RetryAfterMatchesTheRefill) {
    TokenBuckets b(10, 10);  // one every 6 s
    RateClock::time_point t{};
    for (int i = 0; i < 10; ++i) b.spend("ip", t);
    EXPECT_EQ(b.check("ip", t), seconds(6));
    EXPECT_EQ(b.check("ip", t + seconds(5)), seconds(1));
    EXPECT_FALSE(b.check("ip", t + seconds(6)));
    EXPECT_FALSE(b.check("never-failed", t));
}

TEST(TokenBuckets, IdleFullBucketsAreForgotten) {
    TokenBuckets b(60, 5);
    RateClock::time_point t{};
    for (int i = 0; i < 1000; ++i) b.take("addr-" + std::to_string(i), t + seconds(61));
    EXPECT_EQ(b.size(), 1000u);
    b.take("late", t + seconds(200));
    EXPECT_EQ(b.size(), 1u);
}

TEST(RateLimiter, FailedLoginsBlockTheAddressNotOthers) {
    RateLimitOptions o;
    o.failedAuthPerMinute = 10;
    o.failedAuthBurst = 10;
    RateLimiter limiter(o);
    RateClock::time_point t{};
    for (int i = 0; i < 10; ++i) {
        EXPECT_FALSE(limiter.throttleAnonymous("203.0.113.9", t)) << i;
        limiter.recordFailure("203.0.113.9", t);
    }
    EXPECT_EQ(limiter.throttleAnonymous("203.0.113.9", t), seconds(6));
    EXPECT_FALSE(limiter.throttleAnonymous("198.51.100.1", t));
    EXPECT_FALSE(limiter.throttlePrincipal("user:ann", t)) << "a logged-in user behind the same address was blocked";
    EXPECT_FALSE(limiter.throttleAnonymous("203.0.113.9", t + seconds(6)));
}

TEST(RateLimiter, DisabledAdmitsEverything) {
    RateLimitOptions o;
    o.enabled = false;
    o.anonymousBurst = 1;
    RateLimiter limiter(o);
    for (int i = 0; i < 100; ++i) {
        limiter.recordFailure("a");
        EXPECT_FALSE(limiter.throttleAnonymous("a"));
    }
}

}  // namespace
}  // namespace rivetr::api
