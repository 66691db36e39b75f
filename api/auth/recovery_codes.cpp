// Recovery codes for a lost authenticator: how they are made, written and read back.
#include "api/auth/recovery_codes.hpp"

#include <cctype>

#include "api/auth/totp.hpp"
#include "core/crypto.hpp"

namespace rivetr::api::recovery {
namespace {

// Crockford's base32: no I, L, O or U, so nothing reads as another character.
constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::size_t kLength = 16;  // 16 x 5 bits = 80 bits

// 80 random bits in Crockford's letters: RFC 4648 base32 (as TOTP secrets are written), re-lettered.
std::string randomCode() {
    auto rfc = totp::base32Encode(crypto::randomBytes(kLength * 5 / 8));
    std::string out;
    for (char c : rfc) out += kAlphabet[c >= 'A' ? c - 'A' : c - '2' + 26];
    return out;
}

// What a person may type for a character of the alphabet (Crockford's decoding rules).
char canonical(char c) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == 'o') return '0';
    if (c == 'i' || c == 'l') return '1';
    return c;
}

}  // namespace

std::vector<std::string> newCodes(int count) {
    std::vector<std::string> codes;
    for (int i = 0; i < count; ++i) {
        auto raw = randomCode();
        codes.push_back(raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 4) + "-" + raw.substr(12, 4));
    }
    return codes;
}

std::optional<std::string> normalize(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        char k = canonical(c);
        if (kAlphabet.find(k) == std::string_view::npos || out.size() == kLength) return std::nullopt;
        out += k;
    }
    if (out.size() != kLength) return std::nullopt;
    return out;
}

}  // namespace rivetr::api::recovery
