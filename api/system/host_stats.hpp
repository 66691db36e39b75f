// Figures of the machine Rivetr runs on (CPU, load, memory, disk), read from /proc and statvfs.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <mutex>

namespace rivetr::api {

struct HostFigures {
    int cpus = 0;
    double cpuPercent = 0;  // all CPUs together, 0..100, since the previous reading
    std::array<double, 3> loadAvg{};
    std::uint64_t memoryTotalBytes = 0, memoryUsedBytes = 0;
    std::uint64_t diskTotalBytes = 0, diskFreeBytes = 0;
};

class HostStats {
public:
    // `disk`: a path on the file system to report (the data dir).
    explicit HostStats(std::filesystem::path disk) : disk_(std::move(disk)) {}
    // CPU use is the busy share between two readings; the first reading samples 100 ms.
    HostFigures read();

private:
    std::filesystem::path disk_;
    std::mutex mutex_;
    std::uint64_t lastBusy_ = 0, lastTotal_ = 0;
};

}  // namespace rivetr::api
