// An image reference to pull ("repo[:tag]" / "repo@sha256:..."), split and checked before anything reaches an engine.
#pragma once

#include <string>

namespace rivetr::runtime {

struct PullReference {
    std::string repository;  // "127.0.0.1:5000/team/app", "busybox"
    std::string tag;         // "v1", "latest" when none was given, or "sha256:..." for a digest
    bool byDigest() const { return tag.rfind("sha256:", 0) == 0; }
    // "repository:tag" or "repository@sha256:...".
    std::string str() const { return repository + (byDigest() ? "@" : ":") + tag; }
};

// No tag means "latest", never "every tag" (what the engine pulls for an empty tag). Throws
// RuntimeError{InvalidArgument} for what no registry could hold: characters outside a reference's,
// "..", a colon in the repository other than its registry's port, a tag with '/' or ':', an empty part.
PullReference parsePullReference(const std::string& image);

}  // namespace rivetr::runtime
