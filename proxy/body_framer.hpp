// How a relayed body is framed on the way out: the header once, each piece as a chunk (or raw), the last chunk once.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>

namespace rivetr::proxy {

// Chunked: the message says Transfer-Encoding: chunked and every piece becomes one chunk.
// Raw: the bytes go as they come and closing the connection ends the message (an HTTP/1.0
// client receiving a close-delimited answer).
enum class Framing { Chunked, Raw };

// Written by hand instead of by Beast's serializer, which sent the last chunk twice for an
// empty chunked body (buffer_body with size 0 and more=false): the upstream read the second
// "0\r\n\r\n" as the start of another request, and its answer went to the next client on
// that pooled connection. Here each call emits exactly what its arguments say, so the bytes
// leaving the proxy are one message however the body arrived; the fuzz target checks that.
class BodyFramer {
public:
    // `head`: the whole header including its blank line; it must outlive the framer.
    BodyFramer(Framing framing, std::string_view head) : framing_(framing), head_(head) {}

    // The buffers to write for `n` body bytes at `data` (n may be 0); `last` ends the body.
    // The header goes with the first call. The span is valid until the next call.
    std::span<const boost::asio::const_buffer> frame(const char* data, std::size_t n, bool last);
    bool finished() const { return finished_; }

private:
    Framing framing_;
    std::string_view head_;
    bool headSent_ = false;
    bool finished_ = false;
    std::array<char, 20> size_{};  // "<hex>\r\n" for the current chunk
    std::array<boost::asio::const_buffer, 5> bufs_;
};

// "<n in hex>\r\n" into `out`; returns its length.
std::size_t writeChunkSize(std::array<char, 20>& out, std::size_t n);

inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

}  // namespace rivetr::proxy
