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

std::unique_ptr<WebhookProvider> makeGithubProvider();
std::unique_ptr<WebhookProvider> makeGitlabProvider();
std::unique_ptr<WebhookProvider> makeGiteaProvider();
std::unique_ptr<WebhookProvider> makeBitbucketProvider();

}  // namespace rivetr::api
