// What every git provider's webhook comes down to: its event, delivery id, repository and push, and how its signature is checked.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rivetr::api {

// The parts of an HTTP request a provider reads; header lookup is case-insensitive.
struct WebhookRequest {
    std::function<std::optional<std::string>(const std::string& name)> header;
    std::string contentType;
    const std::string& body;  // the raw bytes the signature covers
};

struct PushEvent {
    std::string ref;      // e.g. "refs/heads/main"
    std::string commit;   // the head commit after the push
    std::string message;  // its message (skip markers live here)
    std::string author;   // its author, "Name <email>" (as the checkout records it); "" when not given
    bool deleted = false;  // the push deleted the ref
};

// What the headers say about a delivery, before anything in it is trusted.
struct WebhookEvent {
    enum class Kind { ping, push, other };
    Kind kind = Kind::other;
    std::string name;        // the provider's own event name, for messages
    std::string deliveryId;  // empty when the provider sent none
};

class WebhookProvider {
public:
    virtual ~WebhookProvider() = default;
    virtual std::string name() const = 0;  // "github", also the route's last segment
    // The route's summary in the OpenAPI document: which header proves the delivery.
    virtual std::string routeSummary() const = 0;
    // The event named by the headers; ValidationError when the event header is missing.
    virtual WebhookEvent event(const WebhookRequest& req) const = 0;
    // Every URL the payload (of any event) gives for its repository: whose apps' secrets may verify it.
    virtual std::vector<std::string> repoUrls(const nlohmann::json& body) const = 0;
    // The push in a verified push payload.
    virtual PushEvent push(const nlohmann::json& body) const = 0;
    // True only when the request is signed with `secret`; always false for an empty secret.
    virtual bool verify(const WebhookRequest& req, const std::string& secret) const = 0;
};

// How a provider names its events: the header with the event's name (required), the one with the
// delivery id, and the names of its push and ping events (nullptr: the provider has no ping).
struct EventHeaders {
    const char* name;
    const char* delivery;
    const char* push;
    const char* ping = nullptr;
};

// How a delivery proves its sender: an HMAC of the raw body in `header` ("<prefix><hex>"), or, for
// a token scheme, the shared secret itself in `header`.
struct SignatureScheme {
    enum class Kind { hmacSha256, token };
    Kind kind;
    const char* header;
    const char* prefix = "";
};

// A provider described by what sets it apart; describedProvider() makes the WebhookProvider.
struct WebhookProviderSpec {
    std::string name;
    std::string routeSummary;
    EventHeaders headers;
    std::vector<const char*> repoUrlPointers;  // JSON pointers to every URL a payload gives for its repository
    SignatureScheme signature;
    PushEvent (*push)(const nlohmann::json& body);
};
std::unique_ptr<WebhookProvider> describedProvider(WebhookProviderSpec spec);

std::unique_ptr<WebhookProvider> makeGithubProvider();
std::unique_ptr<WebhookProvider> makeGitlabProvider();
std::unique_ptr<WebhookProvider> makeGiteaProvider();
std::unique_ptr<WebhookProvider> makeBitbucketProvider();

}  // namespace rivetr::api
