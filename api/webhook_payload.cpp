// Helpers the provider parsers share: the JSON body, strict string fields, HMAC signature checks.
#include "api/webhook_payload.hpp"

#include <algorithm>

#include "api/api_errors.hpp"
#include "core/crypto.hpp"

namespace rivetr::api::webhook {

nlohmann::json parseBody(const WebhookRequest& req) {
    if (req.contentType.find("application/x-www-form-urlencoded") != std::string::npos) {
        throw ValidationError("Content-Type", "form-encoded webhooks are not supported; set the content type to application/json");
    }
    auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw ValidationError("", "the webhook body must be a JSON object");
    return j;
}

std::string requireHeader(const WebhookRequest& req, const std::string& name) {
    auto v = req.header(name);
    if (!v || v->empty()) throw ValidationError(name, "missing the " + name + " header");
    return *v;
}

std::string text(const nlohmann::json& j, const char* pointer) {
    nlohmann::json::json_pointer p(pointer);
    if (!j.contains(p)) return {};
    const auto& v = j.at(p);
    return v.is_string() ? v.get<std::string>() : std::string();
}

void addUrl(std::vector<std::string>& out, std::string url) {
    if (!url.empty()) out.push_back(std::move(url));
}

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

bool isZeroSha(const std::string& sha) {
    return !sha.empty() && std::all_of(sha.begin(), sha.end(), [](char c) { return c == '0'; });
}

}  // namespace rivetr::api::webhook
