// The health gate tells "nothing listens on the port" from a slow or failing app, and says what to fix.
#include "engine/health_gate.hpp"

#include <gtest/gtest.h>

#include "engine/testing/loopback_listener.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::engine {
namespace {

store::HealthCheckSpec quickSpec() {
    store::HealthCheckSpec h;
    h.path = "/health";
    h.intervalMs = 20;
    h.timeoutMs = 200;
    h.retries = 2;
    h.startPeriodMs = 0;
    return h;
}

TEST(HealthGateTest, APortNobodyListensOnIsNoAnswer) {
    auto outcome = waitHealthy("127.0.0.1", test::freePort(), quickSpec(), {});
    EXPECT_FALSE(outcome.healthy);
    EXPECT_TRUE(outcome.noAnswer) << outcome.reason;
}

TEST(HealthGateTest, AnAppTooSlowToAnswerIsNotNoAnswer) {
    testing::LoopbackListener silent;  // accepts into its backlog, never replies: a timeout
    auto outcome = waitHealthy("127.0.0.1", silent.port(), quickSpec(), {});
    EXPECT_FALSE(outcome.healthy);
    EXPECT_FALSE(outcome.noAnswer) << outcome.reason;
}

TEST(HealthGateTest, AdviceNamesThePortTheImageExposes) {
    EXPECT_EQ(noAnswerAdvice(8000, {8080}),
              "nothing answered on port 8000 inside the container; the image EXPOSEs 8080 — set the app's port to 8080");
    EXPECT_EQ(noAnswerAdvice(8000, {3000, 8080}),
              "nothing answered on port 8000 inside the container; the image EXPOSEs 3000, 8080 — set the app's port "
              "to the one it listens on");
    EXPECT_EQ(noAnswerAdvice(8000, {8000}),
              "nothing answered on port 8000 inside the container, though the image EXPOSEs it; make the app listen "
              "on 0.0.0.0:8000, not on 127.0.0.1");
    EXPECT_EQ(noAnswerAdvice(8000, {}),
              "nothing answered on port 8000 inside the container; make the app listen on 0.0.0.0:8000 (it gets "
              "PORT=8000) or set the app's port to the one it listens on");
}

TEST(HealthGateTest, AdviceForAStatusThatNamesTheFix) {
    EXPECT_EQ(statusAdvice("/healthz", 404),
              "GET /healthz answered 404: the app has no page at /healthz — set the app's health check path to one "
              "it answers with 2xx or 3xx");
    EXPECT_EQ(statusAdvice("/admin", 401),
              "GET /admin answered 401: the page asks for credentials — set the app's health check path to one it "
              "answers without signing in");
    EXPECT_EQ(statusAdvice("/health", 500), "GET /health answered 500");  // the app's own fault: as it is
}

}  // namespace
}  // namespace rivetr::engine
