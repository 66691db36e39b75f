// Token -> key authorization map behind a mutex (written by the ACME client, read by sessions).
#include "proxy/challenges.hpp"

namespace rivetr::proxy {

void Challenges::set(const std::string& token, const std::string& keyAuthorization) {
    std::lock_guard lock(mu_);
    tokens_[token] = keyAuthorization;
}

void Challenges::remove(const std::string& token) {
    std::lock_guard lock(mu_);
    tokens_.erase(token);
}

std::optional<std::string> Challenges::answer(std::string_view target) const {
    if (target.substr(0, kAcmeChallengePrefix.size()) != kAcmeChallengePrefix) return std::nullopt;
    std::string token(target.substr(kAcmeChallengePrefix.size()));
    std::lock_guard lock(mu_);
    auto it = tokens_.find(token);
    if (it == tokens_.end()) return std::nullopt;
    return it->second;
}

}  // namespace rivetr::proxy
