// Splits Docker's multiplexed log/exec stream (8-byte frame headers) into stdout and stderr pieces.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

// Frames are [stream, 0, 0, 0, len(4, big-endian)] + payload and may be cut anywhere across feed() calls.
// A TTY container's stream has no frames: everything passes through as Stdout.
class LogDemuxer {
public:
    explicit LogDemuxer(bool tty = false) : tty_(tty) {}
    void feed(std::string_view chunk, const LogSink& sink);
    // True when the stream stopped inside a frame (a truncated stream).
    bool midFrame() const { return headerHave_ != 0 || remaining_ != 0; }

private:
    bool tty_;
    std::array<unsigned char, 8> header_{};
    std::size_t headerHave_ = 0;
    std::uint32_t remaining_ = 0;
    LogStream current_ = LogStream::Stdout;
};

}  // namespace rivetr::runtime
