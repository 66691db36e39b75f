// Cryptographic primitives on OpenSSL: randomness, digests, HMAC, AES-256-GCM for secrets at rest.
#include "core/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <memory>
#include <stdexcept>

namespace rivetr::crypto {
namespace {

constexpr std::size_t kNonce = 12;
constexpr std::size_t kTag = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx newCtx() {
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
    return ctx;
}

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

int len(std::size_t n) {
    if (n > 0x7fffffff) throw std::length_error("buffer too large for OpenSSL");
    return static_cast<int>(n);
}

}  // namespace

Bytes randomBytes(std::size_t n) {
    Bytes out(n);
    if (n && RAND_bytes(out.data(), len(n)) != 1) throw std::runtime_error("RAND_bytes failed");
    return out;
}

std::string toHex(const std::uint8_t* data, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(n * 2, '0');
    for (std::size_t i = 0; i < n; ++i) {
        s[2 * i] = digits[data[i] >> 4];
        s[2 * i + 1] = digits[data[i] & 0xf];
    }
    return s;
}

std::string toHex(const Bytes& b) { return toHex(b.data(), b.size()); }

std::optional<Bytes> fromHex(std::string_view hex) {
    if (hex.size() % 2) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    Bytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return out;
}

std::string base64UrlEncode(const std::uint8_t* data, std::size_t n) {
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((n + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < n; i += 3) {
        std::uint32_t v = std::uint32_t(data[i]) << 16 | std::uint32_t(data[i + 1]) << 8 | data[i + 2];
        for (int s = 18; s >= 0; s -= 6) out += table[(v >> s) & 63];
    }
    if (n - i == 1) {
        std::uint32_t v = std::uint32_t(data[i]) << 16;
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
    } else if (n - i == 2) {
        std::uint32_t v = std::uint32_t(data[i]) << 16 | std::uint32_t(data[i + 1]) << 8;
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
    }
    return out;
}

std::string base64UrlEncode(std::string_view s) { return base64UrlEncode(u8(s), s.size()); }

std::optional<std::string> base64UrlDecode(std::string_view s) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '-' || c == '+') return 62;
        if (c == '_' || c == '/') return 63;
        return -1;
    };
    while (!s.empty() && s.back() == '=') s.remove_suffix(1);
    if (s.size() % 4 == 1) return std::nullopt;
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : s) {
        int v = value(c);
        if (v < 0) return std::nullopt;
        acc = acc << 6 | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xff);
        }
    }
    return out;
}

std::string sha256Hex(std::string_view data) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(u8(data), data.size(), digest);
    return toHex(digest, sizeof digest);
}

Bytes hmacSha256(std::string_view key, std::string_view data) {
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int outLen = 0;
    if (!HMAC(EVP_sha256(), key.data(), len(key.size()), u8(data), data.size(), out.data(), &outLen)) {
        throw std::runtime_error("HMAC failed");
    }
    out.resize(outLen);
    return out;
}

bool constantTimeEqual(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Bytes seal(const Key256& key, std::string_view plaintext, std::string_view associatedData) {
    Bytes out = randomBytes(kNonce);
    out.resize(kNonce + plaintext.size() + kTag);
    auto ctx = newCtx();
    int n = 0;
    bool ok = EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), out.data()) == 1 &&
              EVP_EncryptUpdate(ctx.get(), nullptr, &n, u8(associatedData), len(associatedData.size())) == 1 &&
              EVP_EncryptUpdate(ctx.get(), out.data() + kNonce, &n, u8(plaintext), len(plaintext.size())) == 1 &&
              EVP_EncryptFinal_ex(ctx.get(), out.data() + kNonce + n, &n) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, out.data() + kNonce + plaintext.size()) == 1;
    if (!ok) throw std::runtime_error("AES-256-GCM encryption failed");
    return out;
}

std::optional<std::string> open(const Key256& key, const Bytes& sealed, std::string_view associatedData) {
    if (sealed.size() < kNonce + kTag) return std::nullopt;
    std::size_t textLen = sealed.size() - kNonce - kTag;
    std::string plain(textLen, '\0');
    auto ctx = newCtx();
    int n = 0;
    auto* tag = const_cast<std::uint8_t*>(sealed.data() + kNonce + textLen);
    bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), sealed.data()) == 1 &&
              EVP_DecryptUpdate(ctx.get(), nullptr, &n, u8(associatedData), len(associatedData.size())) == 1 &&
              EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &n,
                                sealed.data() + kNonce, len(textLen)) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag) == 1 &&
              EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + n, &n) == 1;
    if (!ok) return std::nullopt;
    return plain;
}

std::optional<Key256> keyFromHex(std::string_view hex) {
    auto bytes = fromHex(hex);
    if (!bytes || bytes->size() != 32) return std::nullopt;
    Key256 key;
    std::copy(bytes->begin(), bytes->end(), key.begin());
    return key;
}

}  // namespace rivetr::crypto
