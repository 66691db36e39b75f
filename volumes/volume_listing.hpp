// What a path in a volume is, as the browse helper reports it: a directory's entries or one file's metadata.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::volumes {

struct VolumeFileEntry {
    std::string name;  // the last component
    std::string type;  // file | directory | symlink | fifo | socket | char_device | block_device
    std::uint64_t size = 0;
    unsigned mode = 0;  // permission bits with setuid/setgid/sticky (07777)
    unsigned uid = 0, gid = 0;
    std::int64_t mtime = 0;  // unix seconds
    std::string target;      // a symlink's target, as stored (never followed)
};

enum class PathKind { Directory, File, Missing, ThroughSymlink };

struct PathReport {
    PathKind kind = PathKind::Missing;
    std::vector<VolumeFileEntry> entries;  // Directory: its entries (dirs first, then by name); File: one
    bool truncated = false;            // more entries than the helper's output could hold
};

// The constant script the browse helper runs under busybox sh, with the path as "$1" (never in the
// script's text): refuses a path that resolves elsewhere (a symlink on the way), then lists a
// directory one level deep or stats one file, never following a symlink.
std::string_view browseScript();

// Parses that script's output; `truncated`: the helper's output passed its cap.
PathReport parseBrowseOutput(std::string_view out, bool truncated);

}  // namespace rivetr::volumes
