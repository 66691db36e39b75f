// Owning handles for libgit2 objects, and the translation of libgit2 failures into SourceError.
#pragma once

#include <git2.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/git/source.hpp"

namespace rivetr::git {

template <auto Free>
struct GitFree {
    template <class T>
    void operator()(T* p) const { Free(p); }
};

using RepoPtr = std::unique_ptr<git_repository, GitFree<git_repository_free>>;
using RemotePtr = std::unique_ptr<git_remote, GitFree<git_remote_free>>;
using CommitPtr = std::unique_ptr<git_commit, GitFree<git_commit_free>>;
using ObjectPtr = std::unique_ptr<git_object, GitFree<git_object_free>>;
using ReferencePtr = std::unique_ptr<git_reference, GitFree<git_reference_free>>;
using TreePtr = std::unique_ptr<git_tree, GitFree<git_tree_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, GitFree<git_tree_entry_free>>;
using BlobPtr = std::unique_ptr<git_blob, GitFree<git_blob_free>>;
using ConfigPtr = std::unique_ptr<git_config, GitFree<git_config_free>>;

class RemoteSession;

// The kind of a libgit2 failure from its code and message (exposed for its test).
SourceErrorKind classifyGitError(int rc, const std::string& message);

// Throws the SourceError that best names the cause of libgit2 failure `rc` during `what`: the
// guard's stop reason first, then what a callback learned, then libgit2's own message. When
// libgit2 ran out of disk writing into `writingTo`, the message says so and names what is free.
[[noreturn]] void throwGitError(int rc, const std::string& what, const RemoteSession* session,
                                const std::filesystem::path* writingTo = nullptr);

// Shorthand for calls whose failure has no network cause.
inline void gitCheck(int rc, const std::string& what) {
    if (rc < 0) throwGitError(rc, what, nullptr);
}

}  // namespace rivetr::git
