// Argon2id password hashing: encoded PHC strings with a per-hash random salt and an injectable cost.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace rivetr::store {

// Defaults: 64 MiB, 3 passes, 1 lane (~RFC 9106's second recommendation, scaled for a small VPS).
// Tests inject a tiny cost so they stay fast; verification reads the cost from the hash itself,
// so raising the cost later keeps old hashes valid.
struct PasswordCost {
    std::uint32_t memoryKiB = 64 * 1024;
    std::uint32_t iterations = 3;
    std::uint32_t parallelism = 1;
};

class PasswordHasher {
public:
    explicit PasswordHasher(PasswordCost cost = {});
    // "$argon2id$v=19$m=...,t=...,p=...$<salt>$<hash>"; throws std::runtime_error if libargon2 fails.
    std::string hash(std::string_view password) const;
    // false for a wrong password or an unreadable hash; never throws.
    bool verify(std::string_view password, const std::string& encoded) const;
    // Spends the same time as verify() against a real hash; called for unknown users so a login
    // answer does not reveal whether the name exists.
    void verifyDummy(std::string_view password) const;

private:
    PasswordCost cost_;
    // Made on first use: every API context owns a hasher, and most never see an unknown user.
    mutable std::once_flag dummyOnce_;
    mutable std::string dummyHash_;
};

}  // namespace rivetr::store
