// Test helper: real git repositories made with the git CLI (fixtures only; production code never runs git).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/git/source.hpp"

namespace rivetr::git::test {

// Runs `git args...` in `dir` with a fixed identity; throws with git's output when it fails.
std::string runGit(const std::filesystem::path& dir, const std::vector<std::string>& args);

class TestRepo {
public:
    // `git init -b main` in `dir` (created if needed).
    explicit TestRepo(std::filesystem::path dir);
    void write(const std::string& relPath, const std::string& content) const;
    // Stages everything and commits; returns the new commit's SHA.
    std::string commit(const std::string& message) const;
    std::string git(const std::vector<std::string>& args) const { return runGit(dir_, args); }
    std::string url() const { return "file://" + dir_.string(); }
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

// A libgit2 Source keeping its caches under `dataDir` (local repositories allowed), trusting
// `extraCa` for HTTPS when given.
std::unique_ptr<Source> sourceAt(const std::filesystem::path& dataDir, const std::filesystem::path& extraCa = {});

// `size` bytes that do not compress, so a pack really carries them.
std::string incompressible(std::size_t size, unsigned seed);

}  // namespace rivetr::git::test
