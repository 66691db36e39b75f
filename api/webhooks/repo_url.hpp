// When two git URLs name the same repository: the rule webhooks use to find the apps a push is for.
#pragma once

#include <string>

namespace rivetr::api {

// A comparison key: https://, http://, ssh://, git:// and scp-like (git@host:owner/repo) forms of
// one repository give the same key. Credentials, port and scheme are dropped, the host and path
// compared case-insensitively (GitHub, GitLab, Gitea and Bitbucket all treat paths so), a
// trailing ".git" and "/" ignored. file:// URLs and plain paths keep their exact path.
std::string repoKey(const std::string& url);

}  // namespace rivetr::api
