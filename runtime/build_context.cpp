// Streams a build-context directory as a tar archive, piece by piece, so a context never sits in memory.
#include "runtime/build_context.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace fs = std::filesystem;

namespace {
constexpr std::size_t kChunk = 64 * 1024;

[[noreturn]] void fail(struct archive* a, const std::string& what) {
    const char* why = a ? archive_error_string(a) : nullptr;
    throw RuntimeError(ErrorKind::InvalidArgument, what + ": " + (why ? why : "unknown error"));
}
}  // namespace

BuildContextStream::BuildContextStream(const fs::path& dir, const std::string& dockerfile)
    : root_(dir), dockerfile_(fs::path(dockerfile).lexically_normal().generic_string()) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw RuntimeError(ErrorKind::InvalidArgument, "build context is not a directory: " + dir.string());
    ignore_ = DockerIgnore::load(dir);
    it_ = fs::recursive_directory_iterator(dir, fs::directory_options::none, ec);
    if (ec) throw RuntimeError(ErrorKind::InvalidArgument, "cannot read build context: " + ec.message());
    ar_ = archive_write_new();
    archive_write_set_format_pax_restricted(ar_);
    archive_write_set_bytes_in_last_block(ar_, 1);  // no padding to 10 KiB at the end
    if (archive_write_open(ar_, this, nullptr, &BuildContextStream::onArchiveWrite, nullptr) != ARCHIVE_OK)
        fail(ar_, "cannot start tar stream");
}

BuildContextStream::~BuildContextStream() {
    if (ar_) archive_write_free(ar_);
}

long BuildContextStream::onArchiveWrite(struct archive*, void* self, const void* data, std::size_t n) {
    auto* s = static_cast<BuildContextStream*>(self);
    s->pending_.append(static_cast<const char*>(data), n);
    s->produced_ += n;
    return static_cast<long>(n);
}

std::size_t BuildContextStream::read(char* out, std::size_t max) {
    while (pendingPos_ == pending_.size() && !closed_) {
        pending_.clear();
        pendingPos_ = 0;
        step();
    }
    std::size_t n = std::min(max, pending_.size() - pendingPos_);
    std::copy_n(pending_.data() + pendingPos_, n, out);
    pendingPos_ += n;
    return n;
}

void BuildContextStream::step() {
    if (file_.is_open()) {
        char buf[kChunk];
        file_.read(buf, sizeof buf);
        auto got = file_.gcount();
        if (got > 0 && archive_write_data(ar_, buf, static_cast<std::size_t>(got)) < 0) fail(ar_, "tar write failed");
        if (!file_) file_.close();
        return;
    }
    nextEntry();
}

bool BuildContextStream::keep(const fs::path& relative, bool isDir) {
    std::string rel = relative.generic_string();
    for (const auto& part : relative)
        if (part == ".git") return false;
    if (rel == dockerfile_ || rel == ".dockerignore") return true;
    if (!ignore_.excluded(rel)) return true;
    // An excluded directory is still walked when an exception might re-include something below it.
    if (isDir && !ignore_.hasExceptions()) it_.disable_recursion_pending();
    return false;
}

void BuildContextStream::nextEntry() {
    std::error_code ec;
    while (it_ != end_) {
        const fs::directory_entry entry = *it_;
        fs::path rel = entry.path().lexically_relative(root_);
        bool isDir = entry.is_directory(ec) && !entry.is_symlink(ec);
        bool kept = keep(rel, isDir);
        if (rel.filename() == ".git" && isDir) it_.disable_recursion_pending();
        it_.increment(ec);
        if (ec) throw RuntimeError(ErrorKind::InvalidArgument, "cannot read build context: " + ec.message());
        if (kept) {
            writeHeader(entry.path(), rel.generic_string());
            return;
        }
    }
    if (archive_write_close(ar_) != ARCHIVE_OK) fail(ar_, "cannot finish tar stream");
    closed_ = true;
}

void BuildContextStream::writeHeader(const fs::path& absolute, const std::string& relative) {
    struct stat st {};
    if (::lstat(absolute.c_str(), &st) != 0) return;  // vanished while walking: leave it out
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(e.get(), relative.c_str());
    archive_entry_set_mode(e.get(), st.st_mode);
    archive_entry_set_mtime(e.get(), st.st_mtim.tv_sec, 0);
    archive_entry_set_uid(e.get(), 0);
    archive_entry_set_gid(e.get(), 0);
    if (S_ISREG(st.st_mode)) {
        file_.open(absolute, std::ios::binary);
        if (!file_) throw RuntimeError(ErrorKind::InvalidArgument, "cannot read " + absolute.string());
        archive_entry_set_size(e.get(), st.st_size);
    } else if (S_ISLNK(st.st_mode)) {
        std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
        auto n = ::readlink(absolute.c_str(), target.data(), target.size());
        target.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        archive_entry_set_symlink(e.get(), target.c_str());
        archive_entry_set_size(e.get(), 0);
    } else if (!S_ISDIR(st.st_mode)) {
        return;  // sockets, fifos, devices have no place in a build context
    } else {
        archive_entry_set_size(e.get(), 0);
    }
    if (archive_write_header(ar_, e.get()) != ARCHIVE_OK) fail(ar_, "tar header for " + relative);
}

}  // namespace rivetr::runtime
