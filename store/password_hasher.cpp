// Argon2id password hashing: encoded PHC strings with a per-hash random salt and an injectable cost.
#include "store/password_hasher.hpp"

#include <argon2.h>

#include <stdexcept>

#include "core/crypto.hpp"

namespace rivetr::store {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

}  // namespace

PasswordHasher::PasswordHasher(PasswordCost cost) : cost_(cost) {}

std::string PasswordHasher::hash(std::string_view password) const {
    auto salt = crypto::randomBytes(kSaltBytes);
    std::string encoded(argon2_encodedlen(cost_.iterations, cost_.memoryKiB, cost_.parallelism, kSaltBytes, kHashBytes,
                                          Argon2_id),
                        '\0');
    int rc = argon2id_hash_encoded(cost_.iterations, cost_.memoryKiB, cost_.parallelism, password.data(), password.size(),
                                   salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(rc));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool PasswordHasher::verify(std::string_view password, const std::string& encoded) const {
    if (encoded.rfind("$argon2id$", 0) != 0) return false;
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void PasswordHasher::verifyDummy(std::string_view password) const {
    std::call_once(dummyOnce_, [this] { dummyHash_ = hash(crypto::toHex(crypto::randomBytes(16))); });
    (void)verify(password, dummyHash_);
}

}  // namespace rivetr::store
