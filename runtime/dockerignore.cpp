// .dockerignore semantics (as the Docker CLI applies them) for streaming a build context.
#include "runtime/dockerignore.hpp"

#include <fstream>
#include <sstream>

#include "runtime/runtime_error.hpp"

namespace rivetr::runtime {
namespace {

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

// filepath.Clean for '/'-separated relative patterns: drops "." and empty segments, resolves "..".
std::string cleanPath(const std::string& p) {
    std::vector<std::string> parts;
    std::stringstream ss(p);
    std::string seg;
    while (std::getline(ss, seg, '/')) {
        if (seg.empty() || seg == ".") continue;
        if (seg == ".." && !parts.empty() && parts.back() != "..") {
            parts.pop_back();
            continue;
        }
        parts.push_back(seg);
    }
    std::string out;
    for (const auto& s : parts) out += (out.empty() ? "" : "/") + s;
    return out.empty() ? "." : out;
}

// The Docker CLI's pattern-to-regexp translation: `**/` -> (.*/)?, trailing `**` -> .*, `*` -> [^/]*.
std::string toRegex(const std::string& pattern) {
    std::string re = "^";
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (c == '*') {
            if (i + 1 < pattern.size() && pattern[i + 1] == '*') {
                ++i;
                if (i + 1 < pattern.size() && pattern[i + 1] == '/') ++i;
                re += (i + 1 >= pattern.size()) ? ".*" : "(.*/)?";
            } else {
                re += "[^/]*";
            }
        } else if (c == '?') {
            re += "[^/]";
        } else if (c == '\\' && i + 1 < pattern.size()) {
            re += '\\';
            re += pattern[++i];
        } else if (std::string_view(".+()|{}$^").find(c) != std::string_view::npos) {
            re += '\\';
            re += c;
        } else {
            re += c;
        }
    }
    return re + "$";
}

}  // namespace

DockerIgnore DockerIgnore::parse(std::string_view text) {
    DockerIgnore d;
    std::stringstream ss{std::string(text)};
    std::string line;
    while (std::getline(ss, line)) {
        if (!line.empty() && line[0] == '#') continue;
        std::string p = trim(line);
        if (p.empty()) continue;
        bool exception = p[0] == '!';
        if (exception) p = trim(p.substr(1));
        if (p.empty()) continue;
        p = cleanPath(p);
        if (p.size() > 1 && p[0] == '/') p.erase(0, 1);
        try {
            d.patterns_.push_back({p, std::regex(toRegex(p)), exception});
        } catch (const std::regex_error&) {
            throw RuntimeError(ErrorKind::InvalidArgument, "invalid .dockerignore pattern: " + p);
        }
        d.hasExceptions_ = d.hasExceptions_ || exception;
    }
    return d;
}

DockerIgnore DockerIgnore::load(const std::filesystem::path& contextDir) {
    std::ifstream in(contextDir / ".dockerignore", std::ios::binary);
    if (!in) return {};
    std::stringstream s;
    s << in.rdbuf();
    return parse(s.str());
}

bool DockerIgnore::matches(const Pattern& p, std::string_view path) const {
    if (std::regex_match(path.begin(), path.end(), p.re)) return true;
    for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
        auto parent = path.substr(0, slash);
        if (std::regex_match(parent.begin(), parent.end(), p.re)) return true;
    }
    return false;
}

bool DockerIgnore::excluded(std::string_view relativePath) const {
    bool matched = false;
    for (const auto& p : patterns_) {
        // An exclusion cannot change an unmatched path, an inclusion cannot change a matched one.
        if (p.exception != matched) continue;
        if (matches(p, relativePath)) matched = !p.exception;
    }
    return matched;
}

}  // namespace rivetr::runtime
