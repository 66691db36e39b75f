// Checks an uploaded volume archive before a byte of it reaches the volume: every entry stays inside.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace rivetr::volumes {

// The entry Rivetr's backups start with: the volume's driver and labels (never extracted).
inline constexpr const char* kMetadataEntry = ".rivetr-volume.json";

struct ArchiveCheck {
    nlohmann::json metadata = nlohmann::json::object();  // the metadata entry's document, {} when absent
    std::uint64_t skipBytes = 0;  // decompressed bytes before the first entry to extract (the metadata entry)
    std::uint64_t entries = 0;
};

// Reads the whole .tar.gz at `path` (headers, and data only to reach the end). Throws ContentError
// (Invalid, field "body") for: not gzip or not tar, a truncated or corrupt stream, an absolute path, a
// ".." component, a path through a symlink the archive made, a symlink or hard link pointing outside the
// volume, a device node or socket, a metadata entry that is not a JSON object.
ArchiveCheck checkArchive(const std::filesystem::path& path);

}  // namespace rivetr::volumes
