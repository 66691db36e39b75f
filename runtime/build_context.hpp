// Streams a build-context directory as a tar archive, piece by piece, so a context never sits in memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/non_copyable.hpp"
#include "runtime/dockerignore.hpp"

struct archive;

namespace rivetr::runtime {

// Pull-based: each read() produces the next bytes of the tar (file data is read 64 KiB at a time),
// so memory stays at a few buffers whatever the context size. Leaves out .git and what .dockerignore
// excludes; the Dockerfile and .dockerignore are always sent (the daemon needs them). Symlinks are
// stored as links, never followed. Throws RuntimeError{InvalidArgument} for a missing directory.
class BuildContextStream : NonCopyable {
public:
    BuildContextStream(const std::filesystem::path& dir, const std::string& dockerfile);
    ~BuildContextStream();

    // Copies up to `max` bytes into `out`; 0 means the archive is complete.
    std::size_t read(char* out, std::size_t max);
    std::uint64_t bytesProduced() const { return produced_; }

private:
    static long onArchiveWrite(struct archive*, void* self, const void* data, std::size_t n);
    void step();  // produces at least some bytes, or finishes
    void nextEntry();
    bool keep(const std::filesystem::path& relative, bool isDir);
    void writeHeader(const std::filesystem::path& absolute, const std::string& relative);

    std::filesystem::path root_;
    std::string dockerfile_;
    DockerIgnore ignore_;
    struct archive* ar_ = nullptr;
    std::filesystem::recursive_directory_iterator it_, end_;
    std::ifstream file_;  // the regular file whose data is being written
    std::string pending_;
    std::size_t pendingPos_ = 0;
    bool closed_ = false;
    std::uint64_t produced_ = 0;
};

}  // namespace rivetr::runtime
