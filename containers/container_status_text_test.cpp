// The status column said again from state times: Docker's HumanDuration boundaries and each State.String() shape.
#include "containers/container_status_text.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"

namespace rivetr::containers {
namespace {

constexpr std::int64_t kS = 1'000'000'000;

std::int64_t at(const char* t) {
    std::int64_t n = 0;
    EXPECT_TRUE(parseRfc3339Nanos(t, n)) << t;
    return n;
}

TEST(ContainerStatusText, HumanDurationMatchesDockersWordingAtEachBoundary) {
    EXPECT_EQ(humanDuration(999'999'999), "Less than a second");
    EXPECT_EQ(humanDuration(-5 * kS), "Less than a second");  // a clock a little behind the engine's
    EXPECT_EQ(humanDuration(1 * kS), "1 second");
    EXPECT_EQ(humanDuration(59 * kS + 999), "59 seconds");
    EXPECT_EQ(humanDuration(60 * kS), "About a minute");
    EXPECT_EQ(humanDuration(119 * kS), "About a minute");
    EXPECT_EQ(humanDuration(120 * kS), "2 minutes");
    EXPECT_EQ(humanDuration(3599 * kS), "59 minutes");
    EXPECT_EQ(humanDuration(3600 * kS), "About an hour");
    EXPECT_EQ(humanDuration(5399 * kS), "About an hour");  // hours round: 1.49 h
    EXPECT_EQ(humanDuration(5400 * kS), "2 hours");        // 1.5 h
    EXPECT_EQ(humanDuration(47 * 3600 * kS), "47 hours");
    EXPECT_EQ(humanDuration(48 * 3600 * kS), "2 days");
    EXPECT_EQ(humanDuration(14 * 24 * 3600 * kS), "2 weeks");
    EXPECT_EQ(humanDuration(60 * 24 * 3600 * kS), "2 months");
    EXPECT_EQ(humanDuration(730 * 24 * 3600 * kS), "2 years");
}

TEST(ContainerStatusText, SaysEachStateAsDockerDoes) {
    runtime::ContainerState up;
    up.status = "running";
    up.running = true;
    up.startedAt = "2026-12-07T10:00:00.5Z";
    std::int64_t now = at("2026-12-07T10:05:30Z");
    EXPECT_EQ(dockerStatusText(up, now), "Up 5 minutes");
    EXPECT_EQ(dockerStatusText(up, now + 600 * kS), "Up 15 minutes");  // the same state, answered later
    up.health = "starting";
    EXPECT_EQ(dockerStatusText(up, now), "Up 5 minutes (health: starting)");
    up.health = "unhealthy";
    EXPECT_EQ(dockerStatusText(up, now), "Up 5 minutes (unhealthy)");
    up.health.clear();
    up.paused = true;
    EXPECT_EQ(dockerStatusText(up, now), "Up 5 minutes (Paused)");

    runtime::ContainerState exited;
    exited.status = "exited";
    exited.exitCode = 137;
    exited.startedAt = "2026-12-07T07:00:00Z";
    exited.finishedAt = "2026-12-07T07:05:00.123456789Z";
    EXPECT_EQ(dockerStatusText(exited, now), "Exited (137) 3 hours ago");
    exited.running = exited.restarting = true;
    EXPECT_EQ(dockerStatusText(exited, now), "Restarting (137) 3 hours ago");
}

TEST(ContainerStatusText, StatesWithoutAnAgeAndTimesThatDoNotParse) {
    runtime::ContainerState s;
    s.status = "created";
    s.startedAt = s.finishedAt = "0001-01-01T00:00:00Z";
    EXPECT_EQ(dockerStatusText(s, 0), "Created");
    s.status = "dead";
    EXPECT_EQ(dockerStatusText(s, 0), "Dead");
    s.status = "removing";
    EXPECT_EQ(dockerStatusText(s, 0), "Removal In Progress");
    s.status = "exited";
    s.startedAt = "2026-12-07T07:00:00Z";
    EXPECT_EQ(dockerStatusText(s, 0), "");  // started, never finished: Docker says nothing
    s.running = true;
    s.startedAt = "yesterday";
    EXPECT_EQ(dockerStatusText(s, 0), std::nullopt);
}

}  // namespace
}  // namespace rivetr::containers
