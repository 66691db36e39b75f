// Identifiers for everything Rivetr creates: a type prefix plus random hex, safe as Docker names and paths.
#include "core/ids.hpp"

#include "core/crypto.hpp"

namespace rivetr {

std::string newId(std::string_view prefix) {
    auto bytes = crypto::randomBytes(8);
    return std::string(prefix) + "_" + crypto::toHex(bytes);
}

bool isSafeId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
    }
    return true;
}

}  // namespace rivetr
