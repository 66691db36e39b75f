// Splits Docker's multiplexed log/exec stream (8-byte frame headers) into stdout and stderr pieces.
#include "runtime/log_demuxer.hpp"

#include <algorithm>

namespace rivetr::runtime {

void LogDemuxer::feed(std::string_view chunk, const LogSink& sink) {
    if (tty_) {
        if (!chunk.empty()) sink(LogStream::Stdout, chunk);
        return;
    }
    while (!chunk.empty()) {
        if (remaining_ == 0) {
            std::size_t take = std::min(header_.size() - headerHave_, chunk.size());
            std::copy_n(chunk.begin(), take, header_.begin() + static_cast<std::ptrdiff_t>(headerHave_));
            headerHave_ += take;
            chunk.remove_prefix(take);
            if (headerHave_ < header_.size()) return;
            headerHave_ = 0;
            current_ = header_[0] == 2 ? LogStream::Stderr : LogStream::Stdout;
            remaining_ = (std::uint32_t{header_[4]} << 24) | (std::uint32_t{header_[5]} << 16) |
                         (std::uint32_t{header_[6]} << 8) | std::uint32_t{header_[7]};
            continue;
        }
        std::size_t take = std::min<std::size_t>(remaining_, chunk.size());
        sink(current_, chunk.substr(0, take));
        remaining_ -= static_cast<std::uint32_t>(take);
        chunk.remove_prefix(take);
    }
}

}  // namespace rivetr::runtime
