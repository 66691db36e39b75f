// Bitbucket Cloud webhooks: X-Event-Key repo:push, X-Request-UUID, X-Hub-Signature "sha256=" HMAC, push.changes payloads.
#include "api/webhooks/webhook_payload.hpp"

namespace rivetr::api {
namespace {

using namespace webhook;

// One Bitbucket push may carry several ref changes; the first that moves a branch is the one
// deployed (a `git push --all` that moves two deployed branches deploys only the first).
const nlohmann::json* branchChange(const nlohmann::json& j) {
    if (!j.contains("/push/changes"_json_pointer) || !j.at("/push/changes"_json_pointer).is_array()) return nullptr;
    const auto& list = j.at("/push/changes"_json_pointer);
    for (const auto& c : list) {
        if (c.is_object() && text(c, "/new/type") == "branch") return &c;
    }
    for (const auto& c : list) {
        if (c.is_object() && text(c, "/old/type") == "branch") return &c;  // a deleted branch
    }
    return nullptr;
}

PushEvent bitbucketPush(const nlohmann::json& j) {
    PushEvent p;
    const auto* change = branchChange(j);
    if (!change) return p;  // a tag push: no branch, nothing to deploy
    const auto& c = *change;
    p.deleted = !c.contains("new") || c.at("new").is_null();
    p.ref = "refs/heads/" + text(c, p.deleted ? "/old/name" : "/new/name");
    p.commit = text(c, "/new/target/hash");
    p.message = text(c, "/new/target/message");
    p.author = text(c, "/new/target/author/raw");  // already "Name <email>"
    return p;
}

}  // namespace

std::unique_ptr<WebhookProvider> makeBitbucketProvider() {
    return describedProvider(
        {"bitbucket", "Bitbucket Cloud push webhook (X-Hub-Signature HMAC; deploys the pushed commit)",
         {"X-Event-Key", "X-Request-UUID", "repo:push", "diagnostics:ping"}, {"/repository/links/html/href"},
         {SignatureScheme::Kind::hmacSha256, "X-Hub-Signature", "sha256="}, bitbucketPush});
}

}  // namespace rivetr::api
