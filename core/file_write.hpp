// Files written so that a full disk is an error naming the disk, never a short or empty file.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/non_copyable.hpp"


namespace rivetr {

// A write that did not reach the disk. The message names the cause (see describeWriteError).
class FileWriteError : public std::runtime_error {
public:
    FileWriteError(int err, const std::string& message) : std::runtime_error(message), errno_(err) {}
    int error() const { return errno_; }
    bool diskFull() const;

private:
    int errno_;
};

// ENOSPC or EDQUOT: the write failed for want of space, not for a fault of the file.
bool isDiskFullError(int err);

// Bytes an unprivileged writer may still use on the filesystem holding `path` (statvfs f_bavail);
// nullopt when it cannot be read. The one place Rivetr asks how much room is left.
std::optional<std::uint64_t> freeDiskBytes(const std::filesystem::path& path);

// "1.9 MB", "512 B" (decimal units, as the size of a disk is sold and `df -H` prints it).
std::string formatBytes(std::uint64_t bytes);

// The message for errno `err` from writing `path`. A full disk names what is left and where a user
// frees it, "no space left on device: 1.9 MB free in /var/lib/rivetr (writing /var/lib/rivetr/work/
// wd_…/index.html)"; anything else names the file and the system's reason.
std::string describeWriteError(int err, const std::filesystem::path& path);
[[noreturn]] void throwWriteError(int err, const std::filesystem::path& path);
// e.what(), except that a std::filesystem error of a full disk (creating a directory or a symlink)
// gets the message above too.
std::string explainFailure(const std::exception& e);

struct FileWriteOptions {
    mode_t mode = 0644;      // at creation; umask applies as for any open()
    bool exclusive = false;  // O_EXCL: fail when the file exists (a symlink counts as existing)
    bool durable = false;    // fsync before close: for files that must outlive a power cut
};

// An open file whose every write and its close are checked: bytes a full disk refused surface as
// FileWriteError at the call that lost them, not as a short file found later. Unless close()
// succeeds, the file is removed again when this object dies.
class CheckedFile : NonCopyable {
public:
    explicit CheckedFile(std::filesystem::path path, FileWriteOptions options = {});
    ~CheckedFile();

    void write(std::string_view data);  // all of it, or FileWriteError
    void close();                       // fsync when durable, then close; both checked
    int fd() const { return fd_; }      // for writers that take a descriptor (libarchive)
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    bool durable_;
    int fd_ = -1;
    bool closed_ = false;
};

// Writes `content` as the whole of `path` (created, or truncated when it exists unless exclusive),
// checked to the close. On failure no file is left at `path`.
void writeFileChecked(const std::filesystem::path& path, std::string_view content, FileWriteOptions options = {});

// Replaces `path` with `content` so that a reader, a crash or a power cut sees the old file or the
// new one, never a mix: a temp file `.<name>.tmp-<random>` in the same directory is written and
// fsynced, renamed over `path`, then the directory is fsynced so the rename itself is durable.
// On failure the temp file is removed and `path` keeps its old content. `mode` is applied at
// creation (umask applies, as in writeFileChecked); the old file's mode and owner are not carried
// over, and a symlink at `path` is replaced, not followed. A failing fsync of the directory is
// still reported, though the new content is then in place (it may not survive a power cut).
void writeFileAtomically(const std::filesystem::path& path, std::string_view content, mode_t mode = 0644);

}  // namespace rivetr
