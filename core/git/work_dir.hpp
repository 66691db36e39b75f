// A deployment's checkout directory, removed with everything in it when its owner lets go.
#pragma once

#include <filesystem>
#include <string>

#include "core/non_copyable.hpp"


namespace rivetr::git {

class WorkDir : NonCopyable {
public:
    WorkDir() = default;
    // Creates a new, uniquely named directory under `root` (created if needed).
    static WorkDir create(const std::filesystem::path& root, const std::string& prefix);
    WorkDir(WorkDir&& other) noexcept;
    WorkDir& operator=(WorkDir&& other) noexcept;
    ~WorkDir();

    const std::filesystem::path& path() const { return path_; }
    bool empty() const { return path_.empty(); }

private:
    explicit WorkDir(std::filesystem::path p) : path_(std::move(p)) {}
    void removeNow() noexcept;
    std::filesystem::path path_;
};

}  // namespace rivetr::git
