// Encrypts values for their column and row (AES-256-GCM with the place as associated data).
#include "store/secret_box.hpp"

#include <stdexcept>

namespace rivetr::store {

crypto::Bytes SecretBox::seal(std::string_view plaintext, std::string_view place) const {
    return crypto::seal(key_, plaintext, place);
}

std::string SecretBox::open(const crypto::Bytes& sealed, std::string_view place) const {
    auto plain = crypto::open(key_, sealed, place);
    if (!plain) {
        throw std::runtime_error("cannot decrypt " + std::string(place) +
                                 ": the encryption key differs from the one that wrote it");
    }
    return *plain;
}

std::string SecretBox::digest(std::string_view data, std::string_view place) const {
    auto subkey = crypto::hmacSha256(std::string_view(reinterpret_cast<const char*>(key_.data()), key_.size()),
                                     "rivetr digest key v1");
    std::string input(place);
    input.push_back('\0');  // a place never contains NUL: "a"+"bc" and "ab"+"c" differ
    input.append(data);
    return crypto::toHex(
        crypto::hmacSha256(std::string_view(reinterpret_cast<const char*>(subkey.data()), subkey.size()), input));
}

}  // namespace rivetr::store
