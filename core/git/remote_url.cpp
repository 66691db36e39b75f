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

namespace {

// RFC 3986 characters only (unreserved, sub-delims, gen-delims but '#', and '%' of pct-encoding).
bool rfc3986Only(const std::string& url) {
    static const std::regex chars(R"(^[A-Za-z0-9._~!$&'()*+,;=:@/?%\[\]-]*$)");
    return std::regex_match(url, chars);
}

// Hosts and users start with a letter, digit or '_': one starting with '-' would read as an
// option ("-oProxyCommand=...") to any ssh or git program that is ever handed the URL.
bool wellFormedRemote(const std::string& url) {
    static const std::regex network(
        R"(^(https?|ssh)://([A-Za-z0-9_%][A-Za-z0-9._~!$&'()*+,;=:%-]*@)?)"
        R"(([A-Za-z0-9_][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[^#]*)?$)");
    static const std::regex scpLike(R"(^[A-Za-z0-9_][A-Za-z0-9._-]*@[A-Za-z0-9_][A-Za-z0-9._-]*:[^-#][^#]*$)");
    return std::regex_match(url, network) || std::regex_match(url, scpLike);
}

}  // namespace

void checkRemoteUrl(const std::string& url, bool allowLocal) {
    if (url.empty() || url.size() > 2048 || url.front() == '-' || !rfc3986Only(url))
        throw SourceError(SourceErrorKind::InvalidInput,
                          "invalid repository URL '" + url + "': only RFC 3986 characters, no spaces, and no "
                          "leading '-'");
    if (wellFormedRemote(url)) return;
    bool local = url.rfind("file://", 0) == 0 || url.front() == '/';
    if (local && allowLocal) return;
    throw SourceError(SourceErrorKind::InvalidInput,
                      local ? "local repositories ('" + url + "') are not allowed on this server"
                            : "unsupported repository URL '" + url +
                                  "' (https://, http://, ssh:// or user@host:path, with a host and user not "
                                  "starting with '-')");
}

}  // namespace rivetr::git
