// Streaming gzip in both directions, in fixed chunks: a 1 GB volume passes through in constant memory.
#include "volumes/gzip_stream.hpp"

#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string>

namespace rivetr::volumes {
namespace {

constexpr std::size_t kChunk = 256 * 1024;
constexpr int kGzipWindow = 15 + 16;  // windowBits + 16: a gzip wrapper, not zlib's

}  // namespace

GzipWriter::GzipWriter(Sink out, int level) : out_(std::move(out)), buf_(kChunk) {
    if (deflateInit2(&z_, level, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib: cannot start a gzip stream");
    }
}

GzipWriter::~GzipWriter() { deflateEnd(&z_); }

void GzipWriter::write(std::string_view data) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z_.avail_in = static_cast<uInt>(data.size());
    pump(Z_NO_FLUSH);
}

void GzipWriter::finish() {
    z_.next_in = nullptr;
    z_.avail_in = 0;
    pump(Z_FINISH);
}

void GzipWriter::pump(int flush) {
    int rc = Z_OK;
    do {
        z_.next_out = buf_.data();
        z_.avail_out = static_cast<uInt>(buf_.size());
        rc = deflate(&z_, flush);
        if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
        std::size_t ready = buf_.size() - z_.avail_out;
        if (ready > 0) out_(std::string_view(reinterpret_cast<const char*>(buf_.data()), ready));
    } while (z_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
}

GunzipReader::GunzipReader(int fd, std::uint64_t skip) : fd_(fd), skip_(skip), in_(kChunk) {
    if (inflateInit2(&z_, kGzipWindow) != Z_OK) throw std::runtime_error("zlib: cannot start a gunzip stream");
}

GunzipReader::~GunzipReader() { inflateEnd(&z_); }

std::size_t GunzipReader::read(char* out, std::size_t max) {
    char scratch[16 * 1024];
    while (skip_ > 0) {  // the bytes before the first one wanted (an entry the engine must not see)
        auto n = inflateSome(scratch, static_cast<std::size_t>(std::min<std::uint64_t>(skip_, sizeof scratch)));
        if (n == 0) throw std::runtime_error("the archive ended early");
        skip_ -= n;
    }
    return inflateSome(out, max);
}

std::size_t GunzipReader::inflateSome(char* out, std::size_t max) {
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(max);
    while (!ended_ && z_.avail_out == max) {
        if (z_.avail_in == 0) {
            ssize_t n = ::read(fd_, in_.data(), in_.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw std::runtime_error("reading the archive failed");
            if (n == 0) throw std::runtime_error("the gzip stream is truncated");
            z_.next_in = in_.data();
            z_.avail_in = static_cast<uInt>(n);
        }
        int rc = inflate(&z_, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) ended_ = true;
        else if (rc != Z_OK && rc != Z_BUF_ERROR) throw std::runtime_error("the gzip stream is corrupt");
    }
    return max - z_.avail_out;
}

}  // namespace rivetr::volumes
