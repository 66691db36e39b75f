// Streaming gzip in both directions, in fixed chunks: a 1 GB volume passes through in constant memory.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include <zlib.h>

namespace rivetr::volumes {

// Compresses what write() is given into gzip, handing each compressed chunk to `out` as it is ready.
class GzipWriter {
public:
    using Sink = std::function<void(std::string_view)>;
    explicit GzipWriter(Sink out, int level = Z_DEFAULT_COMPRESSION);
    ~GzipWriter();
    GzipWriter(const GzipWriter&) = delete;
    GzipWriter& operator=(const GzipWriter&) = delete;

    void write(std::string_view data);
    void finish();  // the trailer; nothing may be written after it

private:
    void pump(int flush);
    Sink out_;
    z_stream z_{};
    std::vector<unsigned char> buf_;
};

// Decompresses a gzip file chunk by chunk as read() asks (a pull source, e.g. for an upload to the
// engine), after dropping its first `skip` decompressed bytes. Throws std::runtime_error on a
// corrupt or truncated stream.
class GunzipReader {
public:
    GunzipReader(int fd, std::uint64_t skip);
    ~GunzipReader();
    GunzipReader(const GunzipReader&) = delete;
    GunzipReader& operator=(const GunzipReader&) = delete;

    // Up to `max` bytes into `out`; 0 at the end of the stream.
    std::size_t read(char* out, std::size_t max);

private:
    std::size_t inflateSome(char* out, std::size_t max);
    int fd_;
    std::uint64_t skip_;
    z_stream z_{};
    std::vector<unsigned char> in_;
    bool ended_ = false;
};

}  // namespace rivetr::volumes
