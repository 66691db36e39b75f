// Cryptographic primitives on OpenSSL: randomness, digests, HMAC, AES-256-GCM for secrets at rest.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::crypto {

using Bytes = std::vector<std::uint8_t>;
using Key256 = std::array<std::uint8_t, 32>;

Bytes randomBytes(std::size_t n);
std::string toHex(const std::uint8_t* data, std::size_t n);
std::string toHex(const Bytes& b);
std::optional<Bytes> fromHex(std::string_view hex);
std::string base64UrlEncode(const std::uint8_t* data, std::size_t n);  // no padding (RFC 7515)
std::string base64UrlEncode(std::string_view s);
std::optional<std::string> base64UrlDecode(std::string_view s);

std::string sha256Hex(std::string_view data);
Bytes hmacSha256(std::string_view key, std::string_view data);

// Comparison whose time does not depend on where the inputs differ (signatures, tokens).
bool constantTimeEqual(std::string_view a, std::string_view b);

// AES-256-GCM. Output: 12-byte random nonce || ciphertext || 16-byte tag. The associated data
// binds a ciphertext to its place (e.g. "env:<app>:<key>") so values cannot be swapped between rows.
Bytes seal(const Key256& key, std::string_view plaintext, std::string_view associatedData = {});
// nullopt when the key is wrong or the ciphertext was altered.
std::optional<std::string> open(const Key256& key, const Bytes& sealed, std::string_view associatedData = {});

std::optional<Key256> keyFromHex(std::string_view hex);

}  // namespace rivetr::crypto
