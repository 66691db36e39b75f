// [server] public_url: the address git providers post webhooks to, and why a given one cannot work.
#pragma once

#include <optional>
#include <string>

namespace rivetr {

// Empty (not set) or "http(s)://host[:port]" with an optional trailing "/": the config rule.
std::optional<std::string> checkPublicUrl(const std::string& url);

// The URL without its trailing "/", ready to have "/webhooks/github" appended.
std::string publicUrlBase(const std::string& url);

// True when the URL's host is a loopback one (localhost, 127.0.0.0/8, ::1, 0.0.0.0).
bool isLoopbackUrl(const std::string& url);

// What a user should be told about `url` before pasting a webhook URL built from it: unset, or a
// loopback host (localhost, 127.0.0.0/8, ::1) that GitHub and the other providers cannot reach.
// nullopt: nothing to warn about.
std::optional<std::string> publicUrlWarning(const std::string& url);

}  // namespace rivetr
