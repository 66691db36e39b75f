// Authenticates a request from its bearer token: the instance admin token or a named API token.
#include "api/authenticator.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace rivetr::api {

std::optional<Principal> Authenticator::authenticate(const std::string& authorization) {
    static constexpr std::string_view kBearer = "Bearer ";
    if (authorization.size() <= kBearer.size() || authorization.compare(0, kBearer.size(), kBearer) != 0) {
        return std::nullopt;
    }
    auto token = authorization.substr(kBearer.size());
    if (crypto::constantTimeEqual(token, adminToken_)) return Principal{"admin_token", "admin", store::Role::admin};
    // Named tokens are found by the hash of the presented value, so no comparison of secrets
    // happens here at all.
    if (auto t = tokens_.authenticate(token, nowMs())) return Principal{"token", t->name, t->role};
    return std::nullopt;
}

}  // namespace rivetr::api
