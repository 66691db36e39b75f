// How a relayed body is framed on the way out: the header once, each piece as a chunk (or raw), the last chunk once.
#include "proxy/body_framer.hpp"

namespace rivetr::proxy {
namespace {
constexpr std::string_view kCrlf = "\r\n";
}

std::size_t writeChunkSize(std::array<char, 20>& out, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    char tmp[16];
    std::size_t len = 0;
    do {
        tmp[len++] = digits[n & 0xf];
        n >>= 4;
    } while (n);
    for (std::size_t i = 0; i < len; ++i) out[i] = tmp[len - 1 - i];
    out[len] = '\r';
    out[len + 1] = '\n';
    return len + 2;
}

std::span<const boost::asio::const_buffer> BodyFramer::frame(const char* data, std::size_t n, bool last) {
    namespace asio = boost::asio;
    std::size_t count = 0;
    if (finished_) return {bufs_.data(), 0};
    if (!headSent_) {
        bufs_[count++] = asio::buffer(head_.data(), head_.size());
        headSent_ = true;
    }
    if (n > 0) {
        // A zero-length chunk would be the last chunk: an empty piece is simply not written.
        if (framing_ == Framing::Chunked) bufs_[count++] = asio::buffer(size_.data(), writeChunkSize(size_, n));
        bufs_[count++] = asio::buffer(data, n);
        if (framing_ == Framing::Chunked) bufs_[count++] = asio::buffer(kCrlf.data(), kCrlf.size());
    }
    if (last) {
        if (framing_ == Framing::Chunked) bufs_[count++] = asio::buffer(kLastChunk.data(), kLastChunk.size());
        finished_ = true;
    }
    return {bufs_.data(), count};
}

}  // namespace rivetr::proxy
