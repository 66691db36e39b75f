// Splits a newline-delimited JSON stream that arrives cut at arbitrary points into whole lines.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace rivetr::runtime {

class NdjsonSplitter {
public:
    using LineFn = std::function<void(std::string_view line)>;
    // Calls onLine for every complete non-empty line in the bytes seen so far ("\r\n" or "\n" ends one).
    void feed(std::string_view chunk, const LineFn& onLine);
    // At end of stream: a last line without its newline is still a line.
    void finish(const LineFn& onLine);
    std::size_t pendingBytes() const { return partial_.size(); }

private:
    std::string partial_;
};

}  // namespace rivetr::runtime
