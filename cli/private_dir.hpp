// A private (0700) scratch directory created beside a target path, removed with everything in it.
#pragma once

#include <filesystem>

#include "core/non_copyable.hpp"


namespace rivetr::cli {

// Beside `target` so a final rename() stays on one file system and is atomic.
class PrivateDir : NonCopyable {
public:
    // Creates "<target's dir>/.<target's name>.<purpose>-XXXXXX"; throws std::runtime_error naming it.
    PrivateDir(const std::filesystem::path& target, const std::string& purpose);
    ~PrivateDir();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace rivetr::cli
