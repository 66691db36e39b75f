// Authenticates a request from its bearer token: the instance admin token or a named API token.
#pragma once

#include <optional>
#include <string>

#include "api/principal.hpp"
#include "store/token_repository.hpp"

namespace rivetr::api {

class Authenticator {
public:
    Authenticator(std::string adminToken, store::TokenRepository& tokens)
        : adminToken_(std::move(adminToken)), tokens_(tokens) {}

    // `authorization` is the raw Authorization header value ("Bearer <token>").
    std::optional<Principal> authenticate(const std::string& authorization);

private:
    std::string adminToken_;
    store::TokenRepository& tokens_;
};

}  // namespace rivetr::api
