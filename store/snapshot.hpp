// A consistent copy of a live SQLite database through the online backup API (a file copy could tear a WAL database).
#pragma once

#include <filesystem>
#include <stdexcept>

namespace rivetr::store {

class SnapshotError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct SnapshotInfo {
    int schemaVersion = 0;
};

// Copies the database at `source` into the new file `dest` while other processes (a running
// `rivetr serve`) keep reading and writing it. The source is opened read-only and never migrated.
// Throws SnapshotError naming the file when the source is missing or the copy fails its check.
SnapshotInfo snapshotDatabase(const std::filesystem::path& source, const std::filesystem::path& dest);

// The schema version recorded in a database file, read without migrating it; throws SnapshotError
// when the file is not a healthy Rivetr database.
int schemaVersionOf(const std::filesystem::path& db);

// The newest schema version this binary's embedded migrations know.
int knownSchemaVersion();

}  // namespace rivetr::store
