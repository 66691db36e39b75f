// Named API tokens: stored only as SHA-256 hashes, with role, expiry, last use and revocation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"
#include "store/store.hpp"

namespace rivetr::store {

class TokenRepository {
public:
    explicit TokenRepository(Store& store) : store_(store) {}

    struct Created {
        ApiTokenRecord record;
        std::string token;  // the only time the plaintext exists
    };
    Created create(const std::string& name, Role role, std::optional<std::int64_t> expiresAt,
                   std::optional<std::string> userId = std::nullopt);
    // The live (not revoked, not expired) token with this plaintext; records the use.
    std::optional<ApiTokenRecord> authenticate(const std::string& token, std::int64_t now);
    std::vector<ApiTokenRecord> list();
    bool revoke(const std::string& id, std::int64_t now);

private:
    Store& store_;
};

}  // namespace rivetr::store
