// What a repository URL may be and which host it names: credentials and pins are bound to that host.
#include "core/git/remote_url.hpp"

#include <regex>

#include "core/git/source.hpp"

namespace rivetr::git {

std::string urlHost(const std::string& url) {
    auto scheme = url.find("://");
    std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
    auto end = url.find_first_of(scheme == std::string::npos ? ":" : "/", start);
    auto authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
    if (!authority.empty() && authority.front() == '[') return authority.substr(1, authority.find(']') - 1);
    return authority.substr(0, authority.find(':'));
}

void checkRemoteUrl(const std::string& url, bool allowLocal) {
    static const std::regex network(R"(^(https?|ssh)://[^/\s]+(/\S*)?$)");
    static const std::regex scpLike(R"(^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$)");
    if (url.empty() || url.front() == '-' || url.find_first_of("\n\r\t ") != std::string::npos)
        throw SourceError(SourceErrorKind::InvalidInput, "invalid repository URL '" + url + "'");
    if (std::regex_match(url, network) || std::regex_match(url, scpLike)) return;
    bool local = url.rfind("file://", 0) == 0 || url.front() == '/';
    if (local && allowLocal) return;
    throw SourceError(SourceErrorKind::InvalidInput,
                      local ? "local repositories ('" + url + "') are not allowed on this server"
                            : "unsupported repository URL '" + url + "' (https://, http://, ssh:// or user@host:path)");
}

}  // namespace rivetr::git
