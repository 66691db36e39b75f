// CPU % and memory figures match what `docker stats` shows for the same samples.
#include "runtime/stats_math.hpp"

#include <gtest/gtest.h>

namespace rivetr::runtime {
namespace {

TEST(StatsMath, CpuPercentScalesByOnlineCpus) {
    CpuSample prev{1'000'000'000, 100'000'000'000, 4, 4};
    CpuSample cur{1'500'000'000, 102'000'000'000, 4, 4};  // 0.5 s of 2 s system time over 4 CPUs
    EXPECT_DOUBLE_EQ(cpuPercent(prev, cur), 100.0);
    cur.onlineCpus = 0;  // older engines: fall back to the per-CPU list length
    cur.percpuCount = 2;
    EXPECT_DOUBLE_EQ(cpuPercent(prev, cur), 50.0);
}

TEST(StatsMath, CpuPercentIsZeroWithoutAPreviousSampleOrOnCounterReset) {
    EXPECT_DOUBLE_EQ(cpuPercent({}, {5, 10, 2, 2}), 0.0);
    EXPECT_DOUBLE_EQ(cpuPercent({5, 10, 2, 2}, {5, 20, 2, 2}), 0.0);
    EXPECT_DOUBLE_EQ(cpuPercent({9, 10, 2, 2}, {5, 20, 2, 2}), 0.0);
    EXPECT_DOUBLE_EQ(cpuPercent({5, 20, 2, 2}, {9, 20, 2, 2}), 0.0);
}

TEST(StatsMath, MemoryLeavesOutPageCache) {
    EXPECT_EQ(memoryWithoutCache(100, 30), 70u);
    EXPECT_EQ(memoryWithoutCache(100, 300), 100u);
}

}  // namespace
}  // namespace rivetr::runtime
