// Credentials inside URLs ("https://user:token@host/..."): split them off for storage, hide them in any text.
#include "core/url_userinfo.hpp"

#include "core/percent_encoding.hpp"
#include "core/text.hpp"

#include <cctype>

namespace rivetr {
namespace {

bool isSchemeChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// An SSH login ("git") is how the server knows which account to try, not a secret: it stays.
bool isSshScheme(std::string_view scheme) {
    auto s = asciiLower(scheme);
    return s == "ssh" || s == "git+ssh" || s == "ssh+git";
}




// Where the authority after "://" ends in free text: a path, query or fragment starts, or the
// URL itself ends (space, quote, bracket of the text around it).
std::size_t authorityEnd(std::string_view text, std::size_t from) {
    auto end = text.find_first_of("/?#\\ \t\r\n\"'<>`", from);
    return end == std::string_view::npos ? text.size() : end;
}

}  // namespace

SplitUrl splitUrlCredential(const std::string& url) {
    auto sep = url.find("://");
    if (sep == std::string::npos) return {url, std::nullopt};
    auto start = sep + 3;
    auto end = url.find_first_of("/?#", start);
    if (end == std::string::npos) end = url.size();
    auto at = url.rfind('@', end - 1);  // end > start: "://" was found
    if (at == std::string::npos || at < start) return {url, std::nullopt};
    auto userinfo = std::string_view(url).substr(start, at - start);
    bool ssh = isSshScheme(std::string_view(url).substr(0, sep));
    if (ssh && userinfo.find(':') == std::string_view::npos) return {url, std::nullopt};
    auto kept = ssh ? std::string(userinfo.substr(0, userinfo.find(':'))) + "@" : std::string();
    return {url.substr(0, start) + kept + url.substr(at + 1), parseUserinfo(userinfo)};
}

std::string formatUserinfo(const UrlCredential& c) {
    return percentEncode(c.username) + ":" + percentEncode(c.password);
}

UrlCredential parseUserinfo(std::string_view userinfo) {
    auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) return {percentDecode(userinfo), {}};
    return {percentDecode(userinfo.substr(0, colon)), percentDecode(userinfo.substr(colon + 1))};
}

std::string redactUrlCredentials(std::string_view text) {
    std::string out;
    std::size_t copied = 0;
    for (auto sep = text.find("://"); sep != std::string_view::npos; sep = text.find("://", sep + 3)) {
        auto schemeStart = sep;
        while (schemeStart > 0 && isSchemeChar(text[schemeStart - 1])) --schemeStart;
        auto start = sep + 3;
        auto end = authorityEnd(text, start);
        auto at = text.substr(start, end - start).rfind('@');
        if (at == std::string_view::npos) continue;
        auto userinfo = text.substr(start, at);
        if (isSshScheme(text.substr(schemeStart, sep - schemeStart)) && userinfo.find(':') == std::string_view::npos)
            continue;
        out.append(text.substr(copied, start - copied));
        out += "***";
        copied = start + at;  // from the '@' on
    }
    if (copied == 0) return std::string(text);
    out.append(text.substr(copied));
    return out;
}

}  // namespace rivetr
