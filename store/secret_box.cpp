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

}  // namespace rivetr::store
