// Helpers the provider parsers share: the JSON body, strict string fields, HMAC signature checks.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "api/webhook_provider.hpp"

namespace rivetr::api::webhook {

// The body as a JSON object; ValidationError (naming the content type when it is a form) otherwise.
nlohmann::json parseBody(const WebhookRequest& req);
// The header's value; ValidationError naming the header when it is missing or empty.
std::string requireHeader(const WebhookRequest& req, const std::string& name);
// The string at `pointer` ("/repository/clone_url"), "" when absent, null or not a string.
std::string text(const nlohmann::json& j, const char* pointer);
// Adds `url` to `out` unless it is empty.
void addUrl(std::vector<std::string>& out, std::string url);

// "<prefix><hex HMAC-SHA256 of the body with secret>" compared with the header's value in constant
// time; false when the header is missing or the secret empty (fail closed).
bool hmacHeaderMatches(const WebhookRequest& req, const std::string& header, const std::string& prefix,
                       const std::string& secret);
// The header equals the secret, compared in constant time; false for a missing header or empty secret.
bool tokenHeaderMatches(const WebhookRequest& req, const std::string& header, const std::string& secret);

// "0000…0": the sha a push reports for a ref it deleted.
bool isZeroSha(const std::string& sha);

}  // namespace rivetr::api::webhook
