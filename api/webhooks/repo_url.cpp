// When two git URLs name the same repository: the rule webhooks use to find the apps a push is for.
#include "api/webhooks/repo_url.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace rivetr::api {
namespace {

std::string trimPath(std::string path) {
    auto stripTrailingSlashes = [&] {
        while (!path.empty() && path.back() == '/') path.pop_back();
    };
    stripTrailingSlashes();
    if (path.size() >= 4 && asciiLower(path.substr(path.size() - 4)) == ".git") path.resize(path.size() - 4);
    stripTrailingSlashes();
    auto first = path.find_first_not_of('/');
    return first == std::string::npos ? std::string() : path.substr(first);
}

// "user:pass@host:port" → "host" (an IPv6 literal keeps its brackets).
std::string hostOf(std::string authority) {
    if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
    auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) authority.resize(colon);
    return asciiLower(authority);
}

}  // namespace

std::string repoKey(const std::string& raw) {
    auto url = raw;
    url.erase(0, url.find_first_not_of(" \t"));
    url.erase(url.find_last_not_of(" \t") + 1);
    if (auto scheme = url.find("://"); scheme != std::string::npos) {
        auto rest = url.substr(scheme + 3);
        if (asciiLower(url.substr(0, scheme)) == "file") return "file:" + trimPath(rest);
        auto slash = rest.find('/');
        auto host = hostOf(rest.substr(0, slash));
        auto path = slash == std::string::npos ? std::string() : rest.substr(slash);
        return host + "/" + asciiLower(trimPath(path));
    }
    auto colon = url.find(':');
    auto slash = url.find('/');
    if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) {  // scp-like
        return hostOf(url.substr(0, colon)) + "/" + asciiLower(trimPath(url.substr(colon + 1)));
    }
    return "file:" + trimPath(url);
}

}  // namespace rivetr::api
