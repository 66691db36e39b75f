// The arithmetic behind `docker stats`: CPU % from two cumulative samples, memory without page cache.
#pragma once

#include <cstdint>

namespace rivetr::runtime {

struct CpuSample {
    std::uint64_t containerUsageNs = 0;  // cpu_stats.cpu_usage.total_usage
    std::uint64_t systemUsageNs = 0;     // cpu_stats.system_cpu_usage
    std::uint32_t onlineCpus = 0;        // 0: unknown, use percpuCount
    std::uint32_t percpuCount = 0;
};

// (container delta / system delta) * CPUs * 100, as the Docker CLI computes it; 0 without a previous
// sample or when either delta is not positive (counters reset).
double cpuPercent(const CpuSample& previous, const CpuSample& current);

// Usage minus reclaimable page cache (cgroup v2 inactive_file, v1 total_inactive_file), never negative.
std::uint64_t memoryWithoutCache(std::uint64_t usage, std::uint64_t inactiveFile);

}  // namespace rivetr::runtime
