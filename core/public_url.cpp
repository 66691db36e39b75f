// [server] public_url: the address git providers post webhooks to, and why a given one cannot work.
#include "core/public_url.hpp"

#include <algorithm>
#include <regex>

namespace rivetr {
namespace {

// scheme, host (a name, an IPv4 address or a bracketed IPv6 one), optional port, optional "/".
const std::regex& urlPattern() {
    static const std::regex re(R"(^https?://([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?/?$)");
    return re;
}

std::string hostOf(const std::string& url) {
    std::smatch m;
    if (!std::regex_match(url, m, urlPattern())) return "";
    std::string host = m[1];
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    return host;
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool isLoopbackHost(const std::string& host) {
    static const std::regex v4loop(R"(^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$)");
    return host == "localhost" || endsWith(host, ".localhost") || host == "[::1]" || host == "0.0.0.0" ||
           std::regex_match(host, v4loop);
}

}  // namespace

std::optional<std::string> checkPublicUrl(const std::string& url) {
    if (url.empty() || std::regex_match(url, urlPattern())) return std::nullopt;
    return "must be an http:// or https:// URL with a host and no path, such as https://paas.example.com (got \"" +
           url + "\")";
}

std::string publicUrlBase(const std::string& url) {
    return !url.empty() && url.back() == '/' ? url.substr(0, url.size() - 1) : url;
}

bool isLoopbackUrl(const std::string& url) { return isLoopbackHost(hostOf(url)); }

std::optional<std::string> publicUrlWarning(const std::string& url) {
    if (url.empty()) {
        return "[server] public_url is not set: webhook URLs use the address this dashboard was opened at, "
               "which GitHub must be able to reach";
    }
    if (isLoopbackUrl(url)) {
        return "[server] public_url (" + url + ") is a loopback address: GitHub and other git providers cannot reach it";
    }
    return std::nullopt;
}

}  // namespace rivetr
