// A user's single-use recovery codes for their second factor: only SHA-256 hashes are stored
// (each code carries 80 random bits, like an API token needs no slow hash), each spent once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace rivetr::store {

class RecoveryCodeRepository {
public:
    explicit RecoveryCodeRepository(Store& store) : store_(store) {}

    // The user's codes become exactly these (canonical form); every earlier code stops working.
    void replace(const std::string& userId, const std::vector<std::string>& codes, std::int64_t now);
    // Spends a code: true the first time an issued code is presented, false for an unknown or used one.
    // One UPDATE, so two requests racing with the same code cannot both win.
    bool consume(const std::string& userId, const std::string& code, std::int64_t now);
    // Codes issued and not yet used.
    int remaining(const std::string& userId);
    // (Turning the second factor off removes the codes too: UserRepository::setTotpEnabled.)

private:
    Store& store_;
};

}  // namespace rivetr::store
