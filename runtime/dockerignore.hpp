// .dockerignore semantics (as the Docker CLI applies them) for streaming a build context.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::runtime {

// Patterns are matched against '/'-separated paths relative to the context root. `*` and `?` stay within
// one path segment, `**` spans any number of them, `!pattern` re-includes, the last matching pattern wins,
// and a pattern matching a parent directory matches everything below it (Docker CLI rules).
class DockerIgnore {
public:
    static DockerIgnore parse(std::string_view text);
    // Reads contextDir/.dockerignore; none means nothing is ignored.
    static DockerIgnore load(const std::filesystem::path& contextDir);

    bool excluded(std::string_view relativePath) const;
    // With exceptions, an excluded directory must still be walked: a file below it may be re-included.
    bool hasExceptions() const { return hasExceptions_; }

private:
    // A pattern compiled to tokens; matching is a memoised walk, so no pattern can take exponential time.
    struct Token {
        enum Kind { Literal, AnyChar, Star, Class, AnyDirs, AnyRest } kind;
        char c = 0;
        std::string set;  // Class: the bracket's contents (ranges as a-z, leading ^ negates)
    };
    struct Pattern {
        std::string text;
        std::vector<Token> tokens;
        bool exception = false;
    };
    static std::vector<Token> compile(const std::string& pattern);
    static bool matchWhole(const std::vector<Token>& tokens, std::string_view path);
    bool matches(const Pattern& p, std::string_view path) const;
    std::vector<Pattern> patterns_;
    bool hasExceptions_ = false;
};

}  // namespace rivetr::runtime
