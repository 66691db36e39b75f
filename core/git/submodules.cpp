// Checks out the submodules a commit names, each from its own cached bare repository.
#include "core/git/submodules.hpp"

#include <vector>

#include "core/crypto.hpp"
#include "core/git/remote_url.hpp"
#include "core/git/repo_cache.hpp"

namespace rivetr::git {
namespace {

constexpr int kMaxDepth = 4;

struct Submodule {
    std::string name;
    std::string path;
    std::string url;
};

std::vector<Submodule> readGitmodules(const std::filesystem::path& file) {
    git_config* raw = nullptr;
    gitCheck(git_config_open_ondisk(&raw, file.c_str()), "cannot read .gitmodules");
    ConfigPtr cfg(raw);
    std::vector<Submodule> out;
    git_config_foreach_match(
        cfg.get(), "^submodule\\..*\\.path$",
        [](const git_config_entry* e, void* payload) {
            std::string key = e->name;  // submodule.<name>.path
            auto name = key.substr(10, key.size() - 10 - 5);
            static_cast<std::vector<Submodule>*>(payload)->push_back({name, e->value, {}});
            return 0;
        },
        &out);
    for (auto& s : out) {
        git_buf url = GIT_BUF_INIT;
        if (git_config_get_string_buf(&url, cfg.get(), ("submodule." + s.name + ".url").c_str()) == 0)
            s.url.assign(url.ptr, url.size);
        git_buf_dispose(&url);
    }
    return out;
}

// A submodule path must stay inside the work directory.
bool safeRelative(const std::string& path) {
    std::filesystem::path p(path);
    if (path.empty() || p.is_absolute()) return false;
    for (const auto& part : p) {
        if (part == ".." || part == ".git") return false;
    }
    return true;
}

git_oid recordedCommit(const git_commit* commit, const std::string& path) {
    git_tree* rawTree = nullptr;
    gitCheck(git_commit_tree(&rawTree, commit), "cannot read the commit's tree");
    TreePtr tree(rawTree);
    git_tree_entry* rawEntry = nullptr;
    if (git_tree_entry_bypath(&rawEntry, tree.get(), path.c_str()) < 0)
        throw SourceError(SourceErrorKind::Failed, "submodule path " + path + " is not recorded in the commit");
    TreeEntryPtr entry(rawEntry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_COMMIT)
        throw SourceError(SourceErrorKind::Failed, "submodule path " + path + " is not a submodule entry");
    return *git_tree_entry_id(entry.get());
}

}  // namespace

std::string resolveSubmoduleUrl(const std::string& parentUrl, const std::string& url) {
    if (url.rfind("./", 0) != 0 && url.rfind("../", 0) != 0) return url;
    std::string base = parentUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    std::string rest = url;
    for (;;) {
        if (rest.rfind("./", 0) == 0) {
            rest.erase(0, 2);
        } else if (rest.rfind("../", 0) == 0) {
            rest.erase(0, 3);
            auto slash = base.find_last_of('/');
            if (slash != std::string::npos) base.erase(slash);
        } else {
            break;
        }
    }
    return base + "/" + rest;
}

void checkoutSubmodules(const SubmoduleContext& ctx, const git_commit* commit, const std::string& parentUrl,
                        const std::filesystem::path& workDir, int depth) {
    auto file = workDir / ".gitmodules";
    if (!std::filesystem::exists(file)) return;
    if (depth >= kMaxDepth) throw SourceError(SourceErrorKind::Failed, "submodules nested too deeply");
    for (const auto& sub : readGitmodules(file)) {
        if (!safeRelative(sub.path) || sub.url.empty())
            throw SourceError(SourceErrorKind::InvalidInput, "submodule '" + sub.name + "' has an unsafe path or no URL");
        auto url = resolveSubmoduleUrl(parentUrl, sub.url);
        checkRemoteUrl(url, ctx.allowLocal);  // a .gitmodules must not reach into the server's disk
        git_oid want = recordedCommit(commit, sub.path);
        RepoCache cache(ctx.cacheRoot / (crypto::sha256Hex(url).substr(0, 16) + ".git"));
        ctx.session.resetAttempts();
        cache.fetch(url, ctx.session);
        git_commit* raw = nullptr;
        if (git_commit_lookup(&raw, cache.repo(), &want) < 0)
            throw SourceError(SourceErrorKind::RefNotFound, "submodule '" + sub.name + "' commit " +
                                                                std::string(git_oid_tostr_s(&want)) + " not found at " + url);
        CommitPtr subCommit(raw);
        auto target = workDir / sub.path;
        std::filesystem::create_directories(target);
        cache.checkoutTo(subCommit.get(), target);
        checkoutSubmodules(ctx, subCommit.get(), url, target, depth + 1);
    }
}

}  // namespace rivetr::git
