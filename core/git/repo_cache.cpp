// One bare repository per app that fetches only what is new, and checkout of a commit from it.
#include "core/git/repo_cache.hpp"

#include <algorithm>
#include <cctype>

#include "core/file_write.hpp"

namespace rivetr::git {
namespace {

bool looksLikeSha(const std::string& ref) {
    return ref.size() >= 7 && ref.size() <= GIT_OID_HEXSZ &&
           std::all_of(ref.begin(), ref.end(), [](unsigned char c) { return std::isxdigit(c); });
}

}  // namespace

RepoCache::RepoCache(std::filesystem::path dir) : dir_(std::move(dir)) {
    git_repository* raw = nullptr;
    if (git_repository_open_bare(&raw, dir_.c_str()) == 0) {
        repo_.reset(raw);
        return;
    }
    std::filesystem::create_directories(dir_.parent_path());
    created_ = !std::filesystem::exists(dir_);
    gitCheck(git_repository_init(&raw, dir_.c_str(), /*is_bare=*/1), "cannot create the repository cache");
    repo_.reset(raw);
}

std::string RepoCache::fetch(const std::string& url, RemoteSession& session) {
    removeTemporaryPacks();  // a fetch killed mid-pack (crash, restart) left its own
    git_remote* rawRemote = nullptr;
    gitCheck(git_remote_create_anonymous(&rawRemote, repo_.get(), url.c_str()), "invalid repository URL");
    RemotePtr remote(rawRemote);
    auto callbacks = session.callbacks();
    TransferGuard::Watchdog watchdog(session.guard());
    // Connect first so the remote's HEAD can be read before the fetch reuses the connection.
    if (int rc = git_remote_connect(remote.get(), GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr); rc < 0)
        throwGitError(rc, "cannot reach " + url, &session);
    std::string defaultBranch;
    git_buf head = GIT_BUF_INIT;
    if (git_remote_default_branch(&head, remote.get()) == 0) defaultBranch.assign(head.ptr, head.size);
    git_buf_dispose(&head);
    git_error_clear();

    char heads[] = "+refs/heads/*:refs/heads/*";
    char tags[] = "+refs/tags/*:refs/tags/*";
    char* specs[] = {heads, tags};
    git_strarray refspecs{specs, 2};
    git_fetch_options opts;
    git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
    opts.callbacks = callbacks;
    opts.prune = GIT_FETCH_PRUNE;
    opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;  // the tag refspec brings them all
    int rc = git_remote_fetch(remote.get(), &refspecs, &opts, "rivetr fetch");
    session.flushProgress();  // the deployment log sees where a failed transfer stopped, too
    if (rc < 0) {
        removeTemporaryPacks();
        throwGitError(rc, "fetch from " + url + " failed", &session, &dir_);
    }
    git_remote_disconnect(remote.get());
    return defaultBranch;
}

// libgit2 receives a pack into objects/pack/pack_git2_<random> and renames it when complete; a
// transfer that never completed leaves the partial file (16.8 MB seen after one). Fetches of one
// cache are serialised (Source locks the app), so any such file here belongs to no running fetch.
void RepoCache::removeTemporaryPacks() noexcept {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir_ / "objects" / "pack", ec)) {
        if (e.path().filename().string().rfind("pack_git2_", 0) == 0) std::filesystem::remove(e.path(), ec);
    }
}

CommitPtr RepoCache::resolve(const std::string& ref, const std::string& defaultBranch) {
    if (ref.empty()) {
        if (defaultBranch.empty())
            throw SourceError(SourceErrorKind::RefNotFound, "the repository has no default branch; name a branch");
        if (auto c = lookupRef(defaultBranch)) return c;
        throw SourceError(SourceErrorKind::RefNotFound, "the default branch " + defaultBranch + " has no commit");
    }
    if (looksLikeSha(ref)) {
        if (auto c = lookupSha(ref)) return c;
    }
    bool full = ref.rfind("refs/", 0) == 0;
    int valid = 0;
    std::string name = full ? ref : "refs/heads/" + ref;
    if (git_reference_name_is_valid(&valid, name.c_str()) < 0 || !valid)
        throw SourceError(SourceErrorKind::InvalidInput, "'" + ref + "' is not a valid branch, tag or commit name");
    if (auto c = lookupRef(name)) return c;
    if (!full) {
        if (auto c = lookupRef("refs/tags/" + ref)) return c;
    }
    throw SourceError(SourceErrorKind::RefNotFound,
                      looksLikeSha(ref) ? "commit " + ref + " is not on any branch or tag of the repository"
                                        : "no branch or tag named '" + ref + "' in the repository");
}

CommitPtr RepoCache::lookupSha(const std::string& hex) {
    git_oid oid;
    if (git_oid_fromstrn(&oid, hex.c_str(), hex.size()) < 0) return nullptr;
    git_commit* raw = nullptr;
    if (git_commit_lookup_prefix(&raw, repo_.get(), &oid, hex.size()) < 0) {
        git_error_clear();
        return nullptr;
    }
    return CommitPtr(raw);
}

CommitPtr RepoCache::lookupRef(const std::string& name) {
    git_reference* rawRef = nullptr;
    if (git_reference_lookup(&rawRef, repo_.get(), name.c_str()) < 0) {
        git_error_clear();
        return nullptr;
    }
    ReferencePtr reference(rawRef);
    git_object* peeled = nullptr;
    gitCheck(git_reference_peel(&peeled, reference.get(), GIT_OBJECT_COMMIT), name + " does not point to a commit");
    return CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

// Written by walking the tree rather than git_checkout_tree: checkout from a bare repository
// refuses trees with submodule entries ("cannot get submodules without a working tree").
void RepoCache::checkoutTo(const git_commit* commit, const std::filesystem::path& target) {
    git_tree* rawTree = nullptr;
    gitCheck(git_commit_tree(&rawTree, commit), "cannot read the commit's tree");
    TreePtr tree(rawTree);
    writeTree(tree.get(), target);
}

void RepoCache::writeTree(const git_tree* tree, const std::filesystem::path& dir) {
    for (std::size_t i = 0, n = git_tree_entrycount(tree); i < n; ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(tree, i);
        std::string name = git_tree_entry_name(e);
        if (name.empty() || name == "." || name == ".." || name == ".git" || name.find('/') != std::string::npos)
            throw SourceError(SourceErrorKind::Failed, "the repository contains an unsafe path '" + name + "'");
        auto path = dir / name;
        auto mode = git_tree_entry_filemode(e);
        if (mode == GIT_FILEMODE_TREE) {
            std::filesystem::create_directory(path);
            git_tree* sub = nullptr;
            gitCheck(git_tree_lookup(&sub, repo_.get(), git_tree_entry_id(e)), "cannot read tree " + name);
            TreePtr owned(sub);
            writeTree(sub, path);
        } else if (mode == GIT_FILEMODE_COMMIT) {
            std::filesystem::create_directory(path);  // submodule: filled by checkoutSubmodules
        } else {
            writeBlob(e, path, mode);
        }
    }
}

void RepoCache::writeBlob(const git_tree_entry* e, const std::filesystem::path& path, git_filemode_t mode) {
    git_blob* raw = nullptr;
    gitCheck(git_blob_lookup(&raw, repo_.get(), git_tree_entry_id(e)), "cannot read " + path.string());
    BlobPtr blob(raw);
    const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
    if (mode == GIT_FILEMODE_LINK) {
        std::filesystem::create_symlink(std::string(data, size), path);
        return;
    }
    // Checked to the close: a stream's buffered bytes lost to a full disk once left empty files that
    // were built into the image and went live. FileWriteError names the disk; checkout() types it.
    writeFileChecked(path, std::string_view(data, size));
    using std::filesystem::perms;
    std::filesystem::permissions(path, mode == GIT_FILEMODE_BLOB_EXECUTABLE
                                           ? perms::owner_all | perms::group_read | perms::group_exec |
                                                 perms::others_read | perms::others_exec
                                           : perms::owner_read | perms::owner_write | perms::group_read |
                                                 perms::others_read);
}

}  // namespace rivetr::git
