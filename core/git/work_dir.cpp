// A deployment's checkout directory, removed with everything in it when its owner lets go.
#include "core/git/work_dir.hpp"

#include <system_error>

#include "core/ids.hpp"

namespace rivetr::git {

WorkDir WorkDir::create(const std::filesystem::path& root, const std::string& prefix) {
    std::filesystem::create_directories(root);
    for (int attempt = 0; attempt < 8; ++attempt) {
        auto candidate = root / newId(prefix);
        // create_directory returns false when it already exists: never reuse someone's directory.
        if (std::filesystem::create_directory(candidate)) {
            std::filesystem::permissions(candidate, std::filesystem::perms::owner_all);
            return WorkDir(candidate);
        }
    }
    throw std::runtime_error("cannot create a work directory under " + root.string());
}

WorkDir::WorkDir(WorkDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }

WorkDir& WorkDir::operator=(WorkDir&& other) noexcept {
    if (this != &other) {
        removeNow();
        path_ = std::move(other.path_);
        other.path_.clear();
    }
    return *this;
}

WorkDir::~WorkDir() { removeNow(); }

void WorkDir::removeNow() noexcept {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    path_.clear();
}

}  // namespace rivetr::git
