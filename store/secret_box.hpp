// Encrypts values for their column and row (AES-256-GCM with the place as associated data).
#pragma once

#include <string>

#include "core/crypto.hpp"

namespace rivetr::store {

// A ciphertext is bound to its place ("env:<app>:<KEY>", "app:<id>:webhook_secret"), so a
// value copied to another row by someone with database access fails to decrypt.
class SecretBox {
public:
    explicit SecretBox(crypto::Key256 key) : key_(key) {}
    crypto::Bytes seal(std::string_view plaintext, std::string_view place) const;
    // Throws std::runtime_error naming the place when the value cannot be decrypted (wrong key).
    std::string open(const crypto::Bytes& sealed, std::string_view place) const;
    // A keyed digest (hex HMAC-SHA256) of `data` for `place`: equal inputs give equal digests, and
    // without the key a stored digest says nothing about the values (no guessing a weak secret
    // offline). Its HMAC key is derived from the encryption key, never the AES key itself.
    std::string digest(std::string_view data, std::string_view place) const;

private:
    crypto::Key256 key_;
};

}  // namespace rivetr::store
