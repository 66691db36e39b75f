// The names and paths a volume-content request may carry, checked before anything reaches the engine.
#include "volumes/volume_path.hpp"

#include <algorithm>

#include "volumes/content_error.hpp"

namespace rivetr::volumes {
namespace {

constexpr std::size_t kMaxPath = 4096;

bool nameChar(char c, bool first) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || (!first && (c == '_' || c == '.' || c == '-'));
}

}  // namespace

void checkVolumeName(std::string_view name) {
    bool ok = name.size() >= 2 && name.size() <= 255;
    for (std::size_t i = 0; ok && i < name.size(); ++i) ok = nameChar(name[i], i == 0);
    if (!ok) throw invalid("a volume name is 2-255 of [a-zA-Z0-9_.-], starting with a letter or digit", "name");
}

std::vector<std::string> pathComponents(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto end = std::min(path.find('/', start), path.size());
        auto part = path.substr(start, end - start);
        start = end + 1;
        if (!part.empty() && part != ".") out.emplace_back(part);
    }
    return out;
}

std::string normalizeVolumePath(std::string_view path) {
    if (path.size() > kMaxPath) throw invalid("a path is at most 4096 characters", "path");
    if (!path.empty() && path.front() == '/') throw invalid("the path is relative to the volume's root", "path");
    std::string out;
    for (const auto& part : pathComponents(path)) {
        if (part == "..") throw invalid("'..' would leave the volume", "path");
        for (char c : part) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) throw invalid("the path holds a control character", "path");
        }
        if (!out.empty()) out += '/';
        out += part;
    }
    return out;
}

std::string mountedPath(const std::string& relative) {
    return relative.empty() ? std::string(kMountPoint) : std::string(kMountPoint) + "/" + relative;
}

}  // namespace rivetr::volumes
