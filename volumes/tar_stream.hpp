// The little of the tar format Rivetr writes and reads itself: one entry it adds, one file it takes out.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace rivetr::volumes {

// A complete ustar entry (header, content, padding) for a regular file.
std::string ustarFile(const std::string& name, std::string_view content, unsigned mode, std::int64_t mtime);

// Reads the first entry of a tar stream pushed to it in pieces (the engine's archive of one path) and
// passes a regular file's content to `onData`; extended headers (pax, GNU long names) are skipped.
class FirstFileReader {
public:
    using Sink = std::function<void(std::string_view)>;
    explicit FirstFileReader(Sink onData) : onData_(std::move(onData)) {}

    // False once the entry is complete (or is not a regular file): the caller may stop the stream.
    bool feed(std::string_view data);

    char type() const { return type_; }  // '0' regular, '2' symlink, '5' directory, ... (0 before known)
    std::uint64_t size() const { return size_; }
    bool complete() const { return done_; }

private:
    bool header();
    Sink onData_;
    std::string head_;         // the current header, until it has 512 bytes
    std::uint64_t skip_ = 0;   // bytes of an extended header's body (and padding) still to drop
    std::uint64_t left_ = 0;   // bytes of the file still to pass on
    std::uint64_t size_ = 0;
    char type_ = 0;
    bool inFile_ = false, done_ = false;
};

}  // namespace rivetr::volumes
