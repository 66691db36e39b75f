// One bare repository per app that fetches only what is new, and checkout of a commit from it.
#pragma once

#include <filesystem>
#include <string>

#include "core/git/git_handles.hpp"
#include "core/git/remote_session.hpp"

namespace rivetr::git {

class RepoCache {
public:
    // Opens the bare repository at `dir`, creating it when absent. If the first fetch into a
    // new cache fails, the directory is removed again (see fetch()).
    explicit RepoCache(std::filesystem::path dir);

    // Fetches every branch and tag of `url` (mirror refspecs). Returns the remote's default
    // branch ("refs/heads/main") when the server names one, else empty.
    std::string fetch(const std::string& url, RemoteSession& session);

    // A branch, tag, full or abbreviated SHA, or empty for `defaultBranch`. Throws RefNotFound.
    CommitPtr resolve(const std::string& ref, const std::string& defaultBranch);
    // Writes the commit's tree into `target` (no .git directory: the build context stays clean).
    void checkoutTo(const git_commit* commit, const std::filesystem::path& target);

    git_repository* repo() const { return repo_.get(); }
    bool created() const { return created_; }

private:
    void removeTemporaryPacks() noexcept;
    CommitPtr lookupSha(const std::string& hex);
    CommitPtr lookupRef(const std::string& name);
    void writeTree(const git_tree* tree, const std::filesystem::path& dir);
    void writeBlob(const git_tree_entry* entry, const std::filesystem::path& path, git_filemode_t mode);

    std::filesystem::path dir_;
    RepoPtr repo_;
    bool created_ = false;
};

}  // namespace rivetr::git
