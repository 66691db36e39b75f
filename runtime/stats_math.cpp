// The arithmetic behind `docker stats`: CPU % from two cumulative samples, memory without page cache.
#include "runtime/stats_math.hpp"

namespace rivetr::runtime {

double cpuPercent(const CpuSample& previous, const CpuSample& current) {
    if (previous.systemUsageNs == 0 || current.containerUsageNs <= previous.containerUsageNs || current.systemUsageNs <= previous.systemUsageNs)
        return 0.0;
    double cpuDelta = static_cast<double>(current.containerUsageNs - previous.containerUsageNs);
    double systemDelta = static_cast<double>(current.systemUsageNs - previous.systemUsageNs);
    std::uint32_t cpus = current.onlineCpus ? current.onlineCpus : current.percpuCount;
    if (cpus == 0) cpus = 1;
    return cpuDelta / systemDelta * cpus * 100.0;
}

std::uint64_t memoryWithoutCache(std::uint64_t usage, std::uint64_t inactiveFile) {
    return inactiveFile < usage ? usage - inactiveFile : usage;
}

}  // namespace rivetr::runtime
