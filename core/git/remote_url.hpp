// What a repository URL may be and which host it names: credentials and pins are bound to that host.
#pragma once

#include <string>

namespace rivetr::git {

// "host" of "https://user@host:443/x", "ssh://git@host:22/x" or scp-like "git@host:x"; empty for file://.
std::string urlHost(const std::string& url);

// Throws SourceError(InvalidInput) unless `url` is https, http, ssh or scp-like, or a local
// repository (file:// or a path) while `allowLocal`: a local URL would let an app read any
// repository on the server's disk, other apps' caches included. The one git URL rule: the API
// checks apps and the new-app wizard with it, the Source every fetch and submodule.
void checkRemoteUrl(const std::string& url, bool allowLocal);

}  // namespace rivetr::git
