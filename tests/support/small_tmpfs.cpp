// A small tmpfs mounted for one test, so a full disk is a real ENOSPC from the kernel, not a fake.
#include "tests/support/small_tmpfs.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace rivetr::test {
namespace fs = std::filesystem;

SmallTmpfs::SmallTmpfs(fs::path dir, std::uint64_t bytes) : dir_(std::move(dir)) {
    fs::create_directories(dir_);
    std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
        throw std::runtime_error("cannot mount a " + std::to_string(bytes) + "-byte tmpfs on " + dir_.string() + ": " +
                                 std::strerror(errno) + " (disk-full tests need root, as CI runs them)");
    }
}

SmallTmpfs::~SmallTmpfs() { ::umount2(dir_.c_str(), MNT_DETACH); }

void SmallTmpfs::makeReadOnly() const {
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr) != 0)
        throw std::runtime_error("cannot remount " + dir_.string() + " read-only: " + std::strerror(errno));
}

void SmallTmpfs::fillLeaving(std::uint64_t leave) const {
    auto freeNow = [&] {
        struct statvfs v {};
        ::statvfs(dir_.c_str(), &v);
        return static_cast<std::uint64_t>(v.f_bavail) * v.f_frsize;
    };
    int fd = ::open((dir_ / "filler").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create the filler file: " + std::string(std::strerror(errno)));
    std::vector<char> page(4096, 'f');
    while (freeNow() > leave) {
        if (::write(fd, page.data(), page.size()) <= 0) break;
    }
    ::close(fd);
}

}  // namespace rivetr::test
