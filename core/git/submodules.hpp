// Checks out the submodules a commit names, each from its own cached bare repository.
#pragma once

#include <filesystem>
#include <string>

#include "core/git/git_handles.hpp"
#include "core/git/remote_session.hpp"

namespace rivetr::git {

// Resolves a submodule URL relative to its superproject's URL ("../lib.git"), as git does.
std::string resolveSubmoduleUrl(const std::string& parentUrl, const std::string& url);

struct SubmoduleContext {
    std::filesystem::path cacheRoot;  // <dataDir>/git/<app-id>.modules
    RemoteSession& session;
    bool allowLocal = false;  // file:// submodules (tests); see checkRemoteUrl
};

// For each submodule in `workDir/.gitmodules`, fetches its URL into a cache under
// ctx.cacheRoot and writes the commit the superproject's tree records into its path.
void checkoutSubmodules(const SubmoduleContext& ctx, const git_commit* commit, const std::string& parentUrl,
                        const std::filesystem::path& workDir, int depth = 0);

}  // namespace rivetr::git
