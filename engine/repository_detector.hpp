// What "auto" would build from a repository before any app exists: the new-app wizard's suggestion.
#pragma once

#include <optional>
#include <string>

#include "builders/registry.hpp"
#include "core/git/source.hpp"

namespace rivetr::engine {

struct DetectRequest {
    std::string gitUrl;  // without credentials: they travel in `auth`
    std::string branch = "main";
    std::string baseDir;  // the app's base directory inside the repository; "" = root
    git::GitAuth auth;
};

struct DetectResult {
    std::optional<std::string> buildType;  // null: nothing buildable was found (`reason` says why)
    std::string reason;                    // "Dockerfile at the repository root", or the builders' refusal
    std::optional<int> port;               // the Dockerfile's first EXPOSE, when it has one
    std::string commit;                    // the SHA that was looked at
};

// Fetches the branch into a throwaway cache (dropped afterwards, whatever happens), then asks the
// builders. Throws git::SourceError when the repository cannot be read (unreachable, no such
// branch, credentials needed, local repositories not allowed).
DetectResult detectRepository(git::Source& source, const builders::BuilderRegistry& builders, const DetectRequest& request);

// The first `EXPOSE <port>` of a Dockerfile's text (EXPOSE 8000/tcp counts); none when absent or not a number.
std::optional<int> exposedPort(const std::string& dockerfile);

}  // namespace rivetr::engine
