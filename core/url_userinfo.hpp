// Credentials inside URLs ("https://user:token@host/..."): split them off for storage, hide them in any text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rivetr {

// A user name and password (or token) for HTTP basic auth / SSH password auth, percent-decoded.
// A token given as the user name alone ("https://<token>@github.com/...") has an empty password.
struct UrlCredential {
    std::string username;
    std::string password;
    bool operator==(const UrlCredential&) const = default;
};

struct SplitUrl {
    std::string url;                          // the URL with the secret part of its userinfo removed
    std::optional<UrlCredential> credential;  // what was removed; none when there was nothing secret
};

// Takes the credential out of a git URL. http(s)/git URLs lose their whole userinfo (the user
// name may itself be a token); an ssh:// URL keeps its login ("ssh://git@host/x") and loses only a
// password; scp-like "git@host:path" and anything without "://" are returned unchanged.
SplitUrl splitUrlCredential(const std::string& url);

// The credential as RFC 3986 userinfo ("user:password", both percent-encoded), the form it is
// stored in (encrypted), and back. parseUserinfo never fails: text without ':' is a user name.
std::string formatUserinfo(const UrlCredential& credential);
UrlCredential parseUserinfo(std::string_view userinfo);

// Replaces the userinfo of every "scheme://userinfo@host" in free text (error messages, log
// lines, build output) with "***", keeping an ssh:// login without password. Text without
// "://" is returned as is, so calling this on every line is cheap.
std::string redactUrlCredentials(std::string_view text);

}  // namespace rivetr
