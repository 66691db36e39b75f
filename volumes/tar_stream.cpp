// The little of the tar format Rivetr writes and reads itself: one entry it adds, one file it takes out.
#include "volumes/tar_stream.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace rivetr::volumes {
namespace {

constexpr std::size_t kBlock = 512;

std::uint64_t padded(std::uint64_t n) { return (n + kBlock - 1) / kBlock * kBlock; }

// `width - 1` octal digits, zero-padded, then NUL (the field's last byte).
void octal(char* field, std::size_t width, std::uint64_t value) {
    for (std::size_t i = width - 1; i-- > 0; value >>= 3) field[i] = static_cast<char>('0' + (value & 7));
    field[width - 1] = '\0';
}

// A numeric header field: octal text, or base-256 when its first byte has the high bit (GNU, for > 8 GB).
std::uint64_t number(const char* field, std::size_t width) {
    std::uint64_t v = 0;
    if (static_cast<unsigned char>(field[0]) & 0x80) {
        for (std::size_t i = 1; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(field[i]);
        return v;
    }
    for (std::size_t i = 0; i < width && field[i]; ++i) {
        if (field[i] == ' ') continue;
        if (field[i] < '0' || field[i] > '7') throw std::runtime_error("a tar header has a bad number");
        v = v * 8 + static_cast<std::uint64_t>(field[i] - '0');
    }
    return v;
}

}  // namespace

std::string ustarFile(const std::string& name, std::string_view content, unsigned mode, std::int64_t mtime) {
    if (name.size() >= 100) throw std::invalid_argument("ustarFile: name too long");
    std::string h(kBlock, '\0');
    std::memcpy(&h[0], name.data(), name.size());
    octal(&h[100], 8, mode);
    octal(&h[108], 8, 0);
    octal(&h[116], 8, 0);
    octal(&h[124], 12, content.size());
    octal(&h[136], 12, static_cast<std::uint64_t>(mtime));
    std::memset(&h[148], ' ', 8);
    h[156] = '0';
    std::memcpy(&h[257], "ustar\0" "00", 8);
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    octal(&h[148], 7, sum);  // six digits, NUL, then the space already there

    std::string out = h;
    out.append(content);
    out.append(padded(content.size()) - content.size(), '\0');
    return out;
}

bool FirstFileReader::feed(std::string_view data) {
    while (!data.empty() && !done_) {
        if (skip_ > 0) {
            auto n = std::min<std::uint64_t>(skip_, data.size());
            skip_ -= n;
            data.remove_prefix(n);
            continue;
        }
        if (inFile_) {
            auto n = std::min<std::uint64_t>(left_, data.size());
            onData_(data.substr(0, n));
            left_ -= n;
            data.remove_prefix(n);
            if (left_ == 0) done_ = true;
            continue;
        }
        auto need = kBlock - head_.size();
        head_.append(data.substr(0, need));
        data.remove_prefix(std::min(need, data.size()));
        if (head_.size() == kBlock && !header()) done_ = true;
    }
    return !done_;
}

// A complete header: an extended one is skipped, the first real one decides. False: nothing to pass on.
bool FirstFileReader::header() {
    const char* h = head_.data();
    if (h[0] == '\0') throw std::runtime_error("the archive holds no entry");
    char t = h[156];
    std::uint64_t size = number(h + 124, 12);
    head_.clear();
    if (t == 'x' || t == 'g' || t == 'L' || t == 'K') {
        skip_ = padded(size);
        return true;
    }
    type_ = t == '\0' ? '0' : t;
    size_ = size;
    if (type_ != '0' || size == 0) return false;
    inFile_ = true;
    left_ = size;
    return true;
}

}  // namespace rivetr::volumes
