// .dockerignore semantics (as the Docker CLI applies them) for streaming a build context.
#include "runtime/dockerignore.hpp"

#include <fstream>
#include <functional>
#include <sstream>

#include "core/text.hpp"
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

bool inClass(const std::string& set, char c) {
    bool negate = !set.empty() && set[0] == '^';
    bool found = false;
    for (std::size_t i = negate ? 1 : 0; i < set.size() && !found; ++i) {
        if (set[i] == '\\' && i + 1 < set.size()) {
            found = set[++i] == c;
        } else if (i + 2 < set.size() && set[i + 1] == '-') {
            found = c >= set[i] && c <= set[i + 2];
            i += 2;
        } else {
            found = set[i] == c;
        }
    }
    return found != negate;
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
        d.patterns_.push_back({p, compile(p), exception});
        d.hasExceptions_ = d.hasExceptions_ || exception;
    }
    return d;
}

DockerIgnore DockerIgnore::load(const std::filesystem::path& contextDir) {
    auto text = readWholeFile(contextDir / ".dockerignore");
    return text ? parse(*text) : DockerIgnore{};
}

// The Docker CLI's rules: `**/` (or `**` before more pattern) is "any directories, or none", a trailing
// `**` is "anything", `*` and `?` never cross '/', `\\` escapes, `[...]` is a class.
std::vector<DockerIgnore::Token> DockerIgnore::compile(const std::string& p) {
    std::vector<Token> t;
    for (std::size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (c == '*' && i + 1 < p.size() && p[i + 1] == '*') {
            ++i;
            if (i + 1 < p.size() && p[i + 1] == '/') ++i;
            t.push_back({i + 1 >= p.size() ? Token::AnyRest : Token::AnyDirs, 0, {}});
        } else if (c == '*') {
            t.push_back({Token::Star, 0, {}});
        } else if (c == '?') {
            t.push_back({Token::AnyChar, 0, {}});
        } else if (c == '[') {
            auto close = p.find(']', i + 1);
            while (close != std::string::npos && p[close - 1] == '\\') close = p.find(']', close + 1);
            if (close == std::string::npos || close == i + 1)
                throw RuntimeError(ErrorKind::InvalidArgument, "invalid .dockerignore pattern (unclosed '['): " + p);
            t.push_back({Token::Class, 0, p.substr(i + 1, close - i - 1)});
            i = close;
        } else if (c == '\\' && i + 1 < p.size()) {
            t.push_back({Token::Literal, p[++i], {}});
        } else {
            t.push_back({Token::Literal, c, {}});
        }
    }
    return t;
}

bool DockerIgnore::matchWhole(const std::vector<Token>& tokens, std::string_view path) {
    const std::size_t P = tokens.size(), T = path.size();
    std::vector<signed char> memo((P + 1) * (T + 1), -1);  // -1 unknown, 0 no, 1 yes
    std::function<bool(std::size_t, std::size_t)> at = [&](std::size_t pi, std::size_t ti) -> bool {
        signed char& m = memo[pi * (T + 1) + ti];
        if (m >= 0) return m;
        bool r = false;
        if (pi == P) {
            r = ti == T;
        } else {
            const Token& tok = tokens[pi];
            bool more = ti < T;
            switch (tok.kind) {
                case Token::Literal: r = more && path[ti] == tok.c && at(pi + 1, ti + 1); break;
                case Token::AnyChar: r = more && path[ti] != '/' && at(pi + 1, ti + 1); break;
                case Token::Class: r = more && inClass(tok.set, path[ti]) && at(pi + 1, ti + 1); break;
                case Token::Star: r = at(pi + 1, ti) || (more && path[ti] != '/' && at(pi, ti + 1)); break;
                case Token::AnyRest: r = true; break;
                case Token::AnyDirs:
                    r = at(pi + 1, ti);
                    for (std::size_t k = ti + 1; !r && k <= T; ++k) r = path[k - 1] == '/' && at(pi + 1, k);
                    break;
            }
        }
        m = r ? 1 : 0;
        return r;
    };
    return at(0, 0);
}

bool DockerIgnore::matches(const Pattern& p, std::string_view path) const {
    if (matchWhole(p.tokens, path)) return true;
    for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1))
        if (matchWhole(p.tokens, path.substr(0, slash))) return true;
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
