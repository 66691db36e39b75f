// Target lifecycle: admission, exact drain, WebSocket cancellation on drain.
#include <gtest/gtest.h>

#include <thread>

#include "proxy/target.hpp"

namespace rivetr::proxy {
namespace {

std::shared_ptr<Target> healthyTarget() {
    auto t = std::make_shared<Target>("app", Endpoint{"127.0.0.1", 1234}, HealthCheckSpec{});
    t->activate();
    return t;
}

TEST(Target, DrainWaitsForInFlightRequestsAndRefusesNewOnes) {
    auto t = healthyTarget();
    auto lease = t->tryAcquire();
    ASSERT_TRUE(lease);
    auto drained = t->beginDrain();
    EXPECT_EQ(t->state(), TargetState::draining);
    EXPECT_FALSE(t->tryAcquire());
    EXPECT_EQ(drained.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
    lease.release();
    EXPECT_EQ(drained.wait_for(std::chrono::milliseconds(50)), std::future_status::ready);
    EXPECT_EQ(t->state(), TargetState::gone);
}

TEST(Target, DrainClosesUpgradedConnectionsAtOnce) {
    auto t = healthyTarget();
    auto lease = t->tryAcquire();
    bool cancelled = false;
    t->registerUpgraded([&] { cancelled = true; });
    t->beginDrain();
    EXPECT_TRUE(cancelled);
}

TEST(Target, ForcedDrainReportsEvenWithRequestsLeft) {
    auto t = healthyTarget();
    auto lease = t->tryAcquire();
    auto drained = t->beginDrain();
    t->forceDrained();
    EXPECT_EQ(drained.wait_for(std::chrono::milliseconds(0)), std::future_status::ready);
}

TEST(Target, HealthThresholds) {
    HealthCheckSpec hc;
    hc.path = "/health";
    hc.unhealthyThreshold = 2;
    hc.healthyThreshold = 2;
    auto t = std::make_shared<Target>("app", Endpoint{"127.0.0.1", 1}, hc);
    t->activate();
    t->reportCheck(false);
    EXPECT_EQ(t->state(), TargetState::healthy);
    t->reportCheck(false);
    EXPECT_EQ(t->state(), TargetState::unhealthy);
    EXPECT_FALSE(t->eligible());
    t->reportCheck(true);
    EXPECT_EQ(t->state(), TargetState::unhealthy);
    t->reportCheck(true);
    EXPECT_EQ(t->state(), TargetState::healthy);
}

TEST(Target, ConcurrentAcquireAndDrainNeverLosesARequest) {
    for (int round = 0; round < 200; ++round) {
        auto t = healthyTarget();
        std::atomic<int> admittedAfterDrain{0};
        std::atomic<bool> drainStarted{false};
        std::thread reader([&] {
            for (int i = 0; i < 100; ++i) {
                if (auto l = t->tryAcquire()) {
                    if (t->drained().wait_for(std::chrono::seconds(0)) == std::future_status::ready) admittedAfterDrain++;
                }
            }
        });
        auto f = t->beginDrain();
        drainStarted = true;
        reader.join();
        EXPECT_EQ(f.wait_for(std::chrono::seconds(1)), std::future_status::ready);
        EXPECT_EQ(admittedAfterDrain.load(), 0);
    }
}

}  // namespace
}  // namespace rivetr::proxy
