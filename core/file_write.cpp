// Files written so that a full disk is an error naming the disk, never a short or empty file.
#include "core/file_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace rivetr {
namespace fs = std::filesystem;
namespace {

// The nearest existing directory at or above `p`: a failed write may leave its parents absent.
fs::path existingAncestor(fs::path p) {
    std::error_code ec;
    while (!p.empty() && !fs::exists(p, ec) && p != p.root_path()) p = p.parent_path();
    return p.empty() ? fs::path(".") : p;
}

// Where the filesystem holding `dir` is mounted: the directory a user frees space under (what
// `df` prints), not some work directory that is removed once the deploy has failed.
fs::path mountPointOf(const fs::path& dir) {
    std::error_code ec;
    auto here = fs::absolute(dir, ec);
    if (ec) return dir;
    struct stat st {};
    if (::stat(here.c_str(), &st) != 0) return dir;
    while (here != here.root_path()) {
        struct stat up {};
        auto parent = here.parent_path();
        if (::stat(parent.c_str(), &up) != 0 || up.st_dev != st.st_dev) break;
        here = parent;
    }
    return here;
}

}  // namespace

bool isDiskFullError(int err) { return err == ENOSPC || err == EDQUOT; }

bool FileWriteError::diskFull() const { return isDiskFullError(errno_); }

std::optional<std::uint64_t> freeDiskBytes(const fs::path& path) {
    struct statvfs v {};
    if (::statvfs(existingAncestor(path).c_str(), &v) != 0) return std::nullopt;
    return static_cast<std::uint64_t>(v.f_bavail) * v.f_frsize;
}

std::string formatBytes(std::uint64_t bytes) {
    static constexpr const char* kUnits[] = {"B", "KB", "MB", "GB", "TB", "PB"};
    if (bytes < 1000) return std::to_string(bytes) + " B";
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1000 && unit + 1 < std::size(kUnits)) {
        value /= 1000;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
    return text;
}

std::string describeWriteError(int err, const fs::path& path) {
    if (!isDiskFullError(err)) return "cannot write " + path.string() + ": " + std::strerror(err);
    auto dir = existingAncestor(path.parent_path());
    auto free = freeDiskBytes(dir);
    std::string what = err == EDQUOT ? "disk quota exceeded" : "no space left on device";
    return what + ": " + (free ? formatBytes(*free) : std::string("nothing")) + " free in " +
           mountPointOf(dir).string() + " (writing " + path.string() + ")";
}

void throwWriteError(int err, const fs::path& path) { throw FileWriteError(err, describeWriteError(err, path)); }

std::string explainFailure(const std::exception& e) {
    if (const auto* f = dynamic_cast<const fs::filesystem_error*>(&e); f && isDiskFullError(f->code().value()))
        return describeWriteError(f->code().value(), f->path1());
    return e.what();
}

CheckedFile::CheckedFile(fs::path path, FileWriteOptions options) : path_(std::move(path)), durable_(options.durable) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (options.exclusive ? O_EXCL : O_TRUNC);
    do {
        fd_ = ::open(path_.c_str(), flags, options.mode);
    } while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) throwWriteError(errno, path_);
}

CheckedFile::~CheckedFile() {
    if (closed_) return;
    if (fd_ >= 0) ::close(fd_);
    ::unlink(path_.c_str());  // never leave a short file behind a failure
}

void CheckedFile::write(std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd_, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throwWriteError(errno, path_);
        if (n == 0) throwWriteError(EIO, path_);  // a regular file never accepts nothing without a reason
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

// close() is checked too: NFS and some FUSE filesystems report lost bytes only there. Its
// descriptor is gone whatever it returned, so it is never retried (EINTR included, as on Linux).
void CheckedFile::close() {
    if (durable_ && ::fsync(fd_) != 0) throwWriteError(errno, path_);
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && errno != EINTR) throwWriteError(errno, path_);
    closed_ = true;
}

void writeFileChecked(const fs::path& path, std::string_view content, FileWriteOptions options) {
    CheckedFile file(path, options);
    file.write(content);
    file.close();
}


namespace {

// Random hex for a temp file's name: two writers of one path (or a crashed earlier writer's leftover)
// never share a temp file; O_EXCL turns the unlikely collision into a retry.
std::string randomSuffix() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(rng()));
    return text;
}

// `.<name>.tmp-<random>` beside `path`: a dot file, so listings skip it, and on the same filesystem,
// so the rename is atomic. The name is cut so that the temp name stays within NAME_MAX (255).
fs::path tempPathFor(const fs::path& path) {
    std::string name = path.filename().string().substr(0, 200);
    return path.parent_path() / ("." + name + ".tmp-" + randomSuffix());
}

// The temp file, written and fsynced; its name is returned once it is closed and complete.
fs::path writeTempFile(const fs::path& path, std::string_view content, mode_t mode) {
    for (int attempt = 0;; ++attempt) {
        auto temp = tempPathFor(path);
        try {
            CheckedFile file(temp, {.mode = mode, .exclusive = true, .durable = true});
            file.write(content);
            file.close();  // a CheckedFile that was not closed removes its file
            return temp;
        } catch (const FileWriteError& e) {
            if (e.error() != EEXIST || attempt >= 8) throw;
        }
    }
}

// Makes a rename in `dir` durable. EINVAL: the filesystem cannot sync a directory (some FUSE ones),
// where there is nothing more to do.
void syncDirectory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throwWriteError(errno, dir);
    int failed = ::fsync(fd) != 0 && errno != EINVAL ? errno : 0;
    ::close(fd);
    if (failed) throwWriteError(failed, dir);
}

}  // namespace

void writeFileAtomically(const fs::path& path, std::string_view content, mode_t mode) {
    auto temp = writeTempFile(path, content, mode);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(temp.c_str());
        throwWriteError(err, path);
    }
    auto dir = path.parent_path();
    syncDirectory(dir.empty() ? fs::path(".") : dir);
}

}  // namespace rivetr
