// Named API tokens: stored only as SHA-256 hashes, with role, owner, expiry, last use and revocation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

namespace rivetr::store {

// Who mints a token: a user (who then owns it), or the instance admin token (no owning user).
struct TokenOwner {
    std::optional<std::string> userId;  // nullopt: minted with the admin token
};

// What happened to a user's live tokens when the user was disabled or deleted.
struct TokenHandover {
    int revoked = 0;
    int transferred = 0;
};

class TokenRepository {
public:
    explicit TokenRepository(Store& store) : store_(store) {}

    struct Created {
        ApiTokenRecord record;
        std::string token;  // the only time the plaintext exists
    };
    Created create(const std::string& name, Role role, std::optional<std::int64_t> expiresAt, TokenOwner owner = {});
    // The live (not revoked, not expired) token with this plaintext whose owner, if it has one, still
    // exists and is enabled; records the use. Its role is capped at the owner's current role, so a
    // demoted user's tokens are demoted with them.
    std::optional<ApiTokenRecord> authenticate(const std::string& token, std::int64_t now);
    std::vector<ApiTokenRecord> list();
    bool revoke(const std::string& id, std::int64_t now);

private:
    Store& store_;
};

// Inside the transaction that disables or deletes `fromUser`: hands their live tokens to `toUser`,
// or revokes them when there is none to hand them to.
TokenHandover handOverTokens(Database& db, const std::string& fromUser, const std::optional<std::string>& toUser,
                             std::int64_t now);

}  // namespace rivetr::store
