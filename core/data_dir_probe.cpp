// Whether the data directory can take a write (for /health): ok, full or unwritable, and the room left.
#include "core/data_dir_probe.hpp"

#include <unistd.h>

#include "core/enum_names.hpp"
#include "core/file_write.hpp"

namespace rivetr {
namespace fs = std::filesystem;
namespace {

DiskReport probeOne(const fs::path& dir) {
    DiskReport r;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        r.status = DiskStatus::Unwritable;
        r.reason = dir.string() + " is not a directory";
        return r;
    }
    r.freeBytes = freeDiskBytes(dir);
    auto probe = dir / (".rivetr-write-probe-" + std::to_string(::getpid()));
    try {
        // A real write, not access(2): a read-only remount or a full disk only shows when writing.
        writeFileChecked(probe, "ok\n");
        ::unlink(probe.c_str());
    } catch (const FileWriteError& e) {
        r.status = e.diskFull() ? DiskStatus::Full : DiskStatus::Unwritable;
        r.reason = e.what();
        return r;
    }
    if (r.freeBytes && *r.freeBytes < kDiskFullBelowBytes) {
        r.status = DiskStatus::Full;
        r.reason = "only " + formatBytes(*r.freeBytes) + " free in " + dir.string();
    }
    return r;
}

}  // namespace

const char* diskStatusName(DiskStatus status) {
    constexpr EnumName<DiskStatus> kNames[] = {{DiskStatus::Ok, "ok"}, {DiskStatus::Full, "full"}, {DiskStatus::Unwritable, "unwritable"}};
    return nameOf(status, kNames, "unwritable");
}

DiskReport probeDirectories(const std::vector<fs::path>& dirs) {
    DiskReport worst;
    for (const auto& dir : dirs) {
        auto r = probeOne(dir);
        if (r.freeBytes && (!worst.freeBytes || *r.freeBytes < *worst.freeBytes)) worst.freeBytes = r.freeBytes;
        if (r.status > worst.status) {
            worst.status = r.status;
            worst.reason = r.reason;
        }
    }
    return worst;
}

std::vector<fs::path> dataDirectories(const fs::path& dataDir) {
    std::vector<fs::path> dirs{dataDir};
    std::error_code ec;
    if (fs::is_directory(dataDir / "work", ec)) dirs.push_back(dataDir / "work");  // made by the first deploy
    return dirs;
}

}  // namespace rivetr
