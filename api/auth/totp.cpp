// TOTP second factor (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) and the base32 secrets
// authenticator apps read from an otpauth:// URI.
#include "api/auth/totp.hpp"

#include "core/percent_encoding.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <stdexcept>

namespace rivetr::api::totp {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

crypto::Bytes hmacSha1(const crypto::Bytes& key, const std::uint8_t* data, std::size_t n) {
    crypto::Bytes out(EVP_MAX_MD_SIZE);
    unsigned int outLen = 0;
    if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), data, n, out.data(), &outLen)) {
        throw std::runtime_error("HMAC-SHA1 failed");
    }
    out.resize(outLen);
    return out;
}


}  // namespace

std::string base32Encode(const crypto::Bytes& bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (auto b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<crypto::Bytes> base32Decode(std::string_view text) {
    crypto::Bytes out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == ' ' || c == '=') continue;
        auto pos = kAlphabet.find(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        if (pos == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(pos);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

std::string newSecret() { return base32Encode(crypto::randomBytes(20)); }

std::string code(const crypto::Bytes& key, std::int64_t step, int digits) {
    std::uint8_t counter[8];
    for (int i = 7; i >= 0; --i) {
        counter[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(step) & 0xff);
        step = static_cast<std::int64_t>(static_cast<std::uint64_t>(step) >> 8);
    }
    auto mac = hmacSha1(key, counter, sizeof counter);
    auto offset = mac.back() & 0x0f;
    std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                           (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                           (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    auto value = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(digits) - value.size(), '0') + value;
}

std::optional<std::int64_t> matchingStep(const crypto::Bytes& key, std::string_view input, std::int64_t unixSeconds) {
    if (input.size() != 6) return std::nullopt;
    for (char c : input) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    auto now = unixSeconds / kStepSeconds;
    std::optional<std::int64_t> found;
    // All three candidates are computed and compared, so the timing does not say which one matched.
    for (auto step : {now - 1, now, now + 1}) {
        if (crypto::constantTimeEqual(code(key, step), input)) found = step;
    }
    return found;
}

std::string otpauthUri(std::string_view issuer, std::string_view account, std::string_view secret) {
    auto is = percentEncode(issuer);
    return "otpauth://totp/" + is + ":" + percentEncode(account) + "?secret=" + std::string(secret) + "&issuer=" + is +
           "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace rivetr::api::totp
