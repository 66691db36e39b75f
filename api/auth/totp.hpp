// TOTP second factor (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) and the base32 secrets
// authenticator apps read from an otpauth:// URI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto.hpp"

namespace rivetr::api::totp {

constexpr std::int64_t kStepSeconds = 30;

std::string base32Encode(const crypto::Bytes& bytes);  // RFC 4648 alphabet, no padding
// Accepts upper or lower case, ignores spaces and '=' padding; nullopt on any other character.
std::optional<crypto::Bytes> base32Decode(std::string_view text);

// A fresh 160-bit secret (RFC 4226's recommended length), base32-encoded.
std::string newSecret();
// The RFC 4226 HOTP value of `step`, zero-padded to `digits`.
std::string code(const crypto::Bytes& key, std::int64_t step, int digits = 6);
// The step a 6-digit code matches, trying the current step and one either side (clock skew);
// nullopt when none matches or the input is not six digits. Comparison is constant-time.
std::optional<std::int64_t> matchingStep(const crypto::Bytes& key, std::string_view code, std::int64_t unixSeconds);
// What an authenticator app scans: otpauth://totp/Issuer:account?secret=...&issuer=...
std::string otpauthUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace rivetr::api::totp
