// Tells whether another process holds a SQLite database open (a running `rivetr serve` on that data dir).
#include "store/database_in_use.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace rivetr::store {
namespace {

// SQLite's unix VFS locks bytes 120..127 of the -shm file for WAL readers/writers and byte 128
// ("DMS") shared for the whole life of every connection (sqlite3.c, UNIX_SHM_BASE / UNIX_SHM_DMS).
constexpr off_t kShmLockFirst = 120;
constexpr off_t kShmLockCount = 9;

}  // namespace

bool databaseInUse(const std::filesystem::path& db) {
    auto shm = db;
    shm += "-shm";
    int fd = ::open(shm.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;  // no -shm: no connection has the WAL database open
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = kShmLockFirst;
    probe.l_len = kShmLockCount;
    bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    ::close(fd);
    return held;
}

}  // namespace rivetr::store
