// Tells whether another process holds a SQLite database open (a running `rivetr serve` on that data dir).
#pragma once

#include <filesystem>

namespace rivetr::store {

// True while any other process has the WAL database at `db` open: SQLite keeps a shared lock on
// its -shm file for as long as a connection lives, and a crashed server leaves no lock behind.
// A lock held by this process itself is not seen (POSIX record locks are per process).
bool databaseInUse(const std::filesystem::path& db);

}  // namespace rivetr::store
