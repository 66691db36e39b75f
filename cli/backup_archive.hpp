// The backup archive: a tar.gz whose first member, manifest.json, lists every file with its size, mode and SHA-256.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace rivetr::cli {

// The archive is unreadable, altered, or not a Rivetr backup; nothing should be restored from it.
class BackupError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct BackupFile {
    std::string path;  // inside the archive, e.g. "data/secret.key"
    std::uintmax_t size = 0;
    unsigned mode = 0600;
    std::string sha256;
};

struct BackupManifest {
    std::string rivetrVersion;
    int schemaVersion = 0;
    std::string createdAt;  // UTC, RFC 3339
    std::vector<BackupFile> files;
};

// Archives every regular file under `staging` (paths relative to it), listing each in the manifest
// (whose `files` is filled here). Written to a temporary file beside `out`, mode 0600 — it holds
// keys — and renamed into place, so `out` is never half-written.
BackupManifest writeBackupArchive(const std::filesystem::path& out, const std::filesystem::path& staging,
                                  BackupManifest meta);

// Extracts into the empty directory `dir`, each file with its manifest mode (directories 0700;
// directory entries in the archive are accepted and ignored).
// Throws BackupError when the manifest is missing or malformed, a member is not in it, is listed
// twice, is not a regular file, would land outside `dir`, or differs in size or SHA-256, and when a
// listed file is missing. On error `dir` may hold partial output: the caller removes it.
BackupManifest extractBackupArchive(const std::filesystem::path& archive, const std::filesystem::path& dir);

}  // namespace rivetr::cli
