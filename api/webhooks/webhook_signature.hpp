// How a webhook proves it comes from the hook's owner: an HMAC of the raw body, or the shared secret itself.
#pragma once

#include <string>

#include "api/webhooks/webhook_provider.hpp"

namespace rivetr::api::webhook {

// "<prefix><hex HMAC-SHA256 of the body with secret>" compared with the header's value in constant
// time; false when the header is missing or the secret empty (fail closed).
bool hmacHeaderMatches(const WebhookRequest& req, const std::string& header, const std::string& prefix,
                       const std::string& secret);
// The header equals the secret, compared in constant time; false for a missing header or empty secret.
bool tokenHeaderMatches(const WebhookRequest& req, const std::string& header, const std::string& secret);

}  // namespace rivetr::api::webhook
