// Figures of the machine Rivetr runs on (CPU, load, memory, disk), read from /proc and statvfs.
#include "api/system/host_stats.hpp"

#include <sys/statvfs.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace rivetr::api {
namespace {

// The aggregate "cpu" line of /proc/stat: busy = total - idle - iowait.
bool readCpu(std::uint64_t& busy, std::uint64_t& total) {
    std::ifstream f("/proc/stat");
    std::string label;
    if (!(f >> label) || label != "cpu") return false;
    std::uint64_t v[10] = {};
    for (auto& x : v) f >> x;
    total = 0;
    for (auto x : v) total += x;
    total -= v[8] + v[9];  // guest time is already counted in user
    busy = total - v[3] - v[4];
    return true;
}

std::uint64_t meminfoBytes(const std::string& text, const std::string& key) {
    auto p = text.find(key + ":");
    if (p == std::string::npos) return 0;
    std::istringstream is(text.substr(p + key.size() + 1));
    std::uint64_t kb = 0;
    is >> kb;
    return kb * 1024;
}

}  // namespace

HostFigures HostStats::read() {
    HostFigures h;
    h.cpus = static_cast<int>(std::thread::hardware_concurrency());
    {
        std::lock_guard lock(mutex_);
        std::uint64_t busy = 0, total = 0;
        if (lastTotal_ == 0 && readCpu(busy, total)) {
            lastBusy_ = busy;
            lastTotal_ = total;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        if (readCpu(busy, total) && total > lastTotal_) {
            h.cpuPercent = 100.0 * static_cast<double>(busy - lastBusy_) / static_cast<double>(total - lastTotal_);
            lastBusy_ = busy;
            lastTotal_ = total;
        }
    }
    std::ifstream load("/proc/loadavg");
    load >> h.loadAvg[0] >> h.loadAvg[1] >> h.loadAvg[2];
    std::ifstream mem("/proc/meminfo");
    std::ostringstream buffer;  // not istreambuf_iterator: GCC 12 -O2 raises a false -Wnull-dereference
    buffer << mem.rdbuf();
    std::string text = buffer.str();
    h.memoryTotalBytes = meminfoBytes(text, "MemTotal");
    auto available = meminfoBytes(text, "MemAvailable");
    h.memoryUsedBytes = h.memoryTotalBytes > available ? h.memoryTotalBytes - available : 0;
    struct statvfs fs {};
    if (statvfs(disk_.c_str(), &fs) == 0) {
        h.diskTotalBytes = static_cast<std::uint64_t>(fs.f_blocks) * fs.f_frsize;
        h.diskFreeBytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
    }
    return h;
}

}  // namespace rivetr::api
