// A file for secrets handed to a child program: created 0600 (never readable by others), removed on destruction.
#pragma once

#include <filesystem>
#include <string>

namespace rivetr::builders {

class SecretFile {
public:
    // Creates a new file in `dir` (name from `prefix` + random) holding `content`.
    SecretFile(const std::filesystem::path& dir, const std::string& prefix, const std::string& content);
    ~SecretFile();
    SecretFile(const SecretFile&) = delete;
    SecretFile& operator=(const SecretFile&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace rivetr::builders
