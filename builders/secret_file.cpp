// A file for secrets handed to a child program: created 0600 (never readable by others), removed on destruction.
#include "builders/secret_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/ids.hpp"

namespace rivetr::builders {

SecretFile::SecretFile(const std::filesystem::path& dir, const std::string& prefix, const std::string& content) {
    if (std::filesystem::create_directories(dir))
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all);  // 0700: only Rivetr lists it
    path_ = dir / newId(prefix);
    // O_EXCL + mode 0600 at creation: there is no moment when the file is readable by others.
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + path_.string() + ": " + std::strerror(errno));
    std::size_t off = 0;
    while (off < content.size()) {
        ssize_t n = ::write(fd, content.data() + off, content.size() - off);
        if (n <= 0) {
            ::close(fd);
            ::unlink(path_.c_str());
            throw std::runtime_error("cannot write " + path_.string());
        }
        off += static_cast<std::size_t>(n);
    }
    ::close(fd);
}

SecretFile::~SecretFile() { ::unlink(path_.c_str()); }

}  // namespace rivetr::builders
