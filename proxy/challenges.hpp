// Answers HTTP-01 challenges (/.well-known/acme-challenge/<token>) in-process, for any host.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rivetr::proxy {

inline constexpr std::string_view kAcmeChallengePrefix = "/.well-known/acme-challenge/";

class Challenges {
public:
    void set(const std::string& token, const std::string& keyAuthorization);
    void remove(const std::string& token);
    // The key authorization for a request target, or nullopt (then the proxy answers 404).
    std::optional<std::string> answer(std::string_view requestTarget) const;

private:
    mutable std::mutex mu_;  // challenges are rare; the request path only locks for this prefix
    std::unordered_map<std::string, std::string> tokens_;
};

}  // namespace rivetr::proxy
