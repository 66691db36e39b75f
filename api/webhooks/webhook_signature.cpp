// How a webhook proves it comes from the hook's owner: an HMAC of the raw body, or the shared secret itself.
#include "api/webhooks/webhook_signature.hpp"

#include <algorithm>

#include "core/crypto.hpp"

namespace rivetr::api::webhook {

bool hmacHeaderMatches(const WebhookRequest& req, const std::string& header, const std::string& prefix,
                       const std::string& secret) {
    auto given = req.header(header);
    if (secret.empty() || !given) return false;
    auto value = *given;
    // Hex digits are not secret: normalising their case leaks nothing about the expected value.
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    auto expected = prefix + crypto::toHex(crypto::hmacSha256(secret, req.body));
    return crypto::constantTimeEqual(value, expected);
}

bool tokenHeaderMatches(const WebhookRequest& req, const std::string& header, const std::string& secret) {
    auto given = req.header(header);
    if (secret.empty() || !given) return false;
    // Comparing digests keeps even the secret's length out of the timing.
    return crypto::constantTimeEqual(crypto::sha256Hex(*given), crypto::sha256Hex(secret));
}

}  // namespace rivetr::api::webhook
