// Whether the data directory can take a write (for /health): ok, full or unwritable, and the room left.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rivetr {

enum class DiskStatus { Ok, Full, Unwritable };  // ordered: the worse state wins
const char* diskStatusName(DiskStatus status);  // "ok" | "full" | "unwritable"

struct DiskReport {
    DiskStatus status = DiskStatus::Ok;
    std::optional<std::uint64_t> freeBytes;  // the least free space among the probed directories
    std::string reason;                      // why it is not ok (for the log, not for /health)
};

// Below this much free space a deploy cannot get a checkout and a build context written: the
// directory reports "full" before the first write fails.
inline constexpr std::uint64_t kDiskFullBelowBytes = 16ULL * 1000 * 1000;

// Writes, checks and removes a small file in each directory; a missing one is unwritable. The
// worst answer wins.
DiskReport probeDirectories(const std::vector<std::filesystem::path>& dirs);

// The directories of a data directory that deploys write into: itself and, once a deploy made it,
// its work/ directory (an operator may have mounted it elsewhere).
std::vector<std::filesystem::path> dataDirectories(const std::filesystem::path& dataDir);

}  // namespace rivetr
