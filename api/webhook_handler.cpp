// The one webhook flow every provider shares: find the apps, verify, de-duplicate, filter, deploy the pushed commit.
#include "api/webhook_handler.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "api/api_errors.hpp"
#include "api/repo_url.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"

namespace rivetr::api {
namespace {

Reply reason(int status, const std::string& state, const std::string& why) {
    return Reply::json(status, {{"status", state}, {"reason", why}});
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// The marker found in the head commit's message, "" when there is none.
std::string skipMarker(const std::string& message) {
    auto m = lower(message);
    for (const char* marker : {"[skip ci]", "[ci skip]", "[skip deploy]"}) {
        if (m.find(marker) != std::string::npos) return marker;
    }
    return {};
}

// The branch of "refs/heads/<branch>"; "" for tags and other refs.
std::string branchOf(const std::string& ref) {
    const std::string prefix = "refs/heads/";
    return ref.rfind(prefix, 0) == 0 ? ref.substr(prefix.size()) : std::string();
}

void checkCommit(const std::string& sha) {
    static const std::regex hex("^[0-9a-fA-F]{7,64}$");
    if (!std::regex_match(sha, hex)) throw ValidationError("commit", "the payload's head commit is not a commit SHA");
}

}  // namespace

Reply WebhookHandler::handle(const WebhookProvider& provider, const WebhookRequest& req, const RequestContext& rc) {
    auto event = provider.parse(req);
    switch (event.kind) {
        case WebhookEvent::Kind::ping:
            return Reply::json(200, {{"status", "pong"}, {"provider", provider.name()}});
        case WebhookEvent::Kind::other:
            return reason(202, "ignored", "the \"" + event.name + "\" event does not deploy; only pushes do");
        case WebhookEvent::Kind::push:
            break;
    }
    return handlePush(provider, req, event, rc);
}

std::vector<store::AppRecord> WebhookHandler::appsFor(const PushEvent& push) {
    std::set<std::string> keys;
    for (const auto& url : push.repoUrls) keys.insert(repoKey(url));
    std::vector<store::AppRecord> out;
    for (auto& app : ctx_.apps.list()) {
        if (keys.count(repoKey(app.gitUrl))) out.push_back(std::move(app));
    }
    return out;
}

// Nothing about an app is revealed before the signature verifies: an unknown repository and a
// repository no secret verifies get fixed texts, and the branch, skip and duplicate answers
// (which do tell about the app) come only after it.
Reply WebhookHandler::handlePush(const WebhookProvider& provider, const WebhookRequest& req, const WebhookEvent& event,
                                 const RequestContext& rc) {
    const auto& push = event.push;
    if (push.repoUrls.empty()) throw ValidationError("repository", "the payload names no repository");
    auto candidates = appsFor(push);
    if (candidates.empty()) return Reply::error(404, "not_found", "no app accepts webhooks for this repository");
    // A delivery signed with the global secret is for every app of the repository.
    bool global = !ctx_.webhookSecret.empty() && provider.verify(req, ctx_.webhookSecret);
    std::vector<store::AppRecord> signedFor;
    for (auto& app : candidates) {
        if (global || provider.verify(req, app.webhookSecret)) signedFor.push_back(std::move(app));
    }
    if (signedFor.empty()) {
        log::warn("webhook.rejected", {{"provider", provider.name()}, {"request_id", rc.requestId}, {"ip", rc.clientIp}});
        return Reply::error(401, "unauthorized", "the webhook signature is missing or does not match the app's webhook secret");
    }
    if (!event.deliveryId.empty() && !deliveries_.claim(provider.name(), event.deliveryId, nowMs())) {
        return reason(200, "duplicate", "duplicate delivery " + event.deliveryId + "; nothing deployed");
    }
    auto branch = branchOf(push.ref);
    if (branch.empty()) return reason(202, "ignored", "\"" + push.ref + "\" is not a branch; nothing to deploy");
    if (push.deleted) return reason(202, "ignored", "branch " + branch + " was deleted; nothing to deploy");
    std::erase_if(signedFor, [&](const store::AppRecord& a) { return a.branch != branch; });
    if (signedFor.empty()) return reason(202, "ignored", "branch " + branch + " is not deployed");
    if (auto marker = skipMarker(push.message); !marker.empty()) {
        return reason(202, "skipped", "the head commit says " + marker + "; nothing deployed");
    }
    checkCommit(push.commit);
    try {
        return deploy(provider, event, signedFor, rc);
    } catch (...) {
        // Nothing was enqueued: let the provider's redelivery try again.
        if (!event.deliveryId.empty()) deliveries_.release(provider.name(), event.deliveryId);
        throw;
    }
}

Reply WebhookHandler::deploy(const WebhookProvider& provider, const WebhookEvent& event,
                             const std::vector<store::AppRecord>& apps, const RequestContext& rc) {
    engine::DeployRequest request;
    request.trigger = "webhook";
    request.commit = event.push.commit;
    auto list = nlohmann::json::array();
    for (const auto& app : apps) {
        auto id = engine_.deploy(app.id, request);
        list.push_back({{"app_id", app.id}, {"deployment_id", id}});
        store::AuditEntry e;
        e.actorType = "webhook";
        e.actor = provider.name();
        e.action = "deployment.create";
        e.targetType = "app";
        e.targetId = app.id;
        e.details = nlohmann::json{{"deployment_id", id}, {"commit", event.push.commit}, {"ref", event.push.ref},
                                   {"delivery_id", event.deliveryId}}
                        .dump();
        e.requestId = rc.requestId;
        e.ip = rc.clientIp;
        ctx_.audit.append(e);
        log::info("webhook.deploy", {{"provider", provider.name()}, {"app", app.name}, {"deployment", id},
                                     {"commit", event.push.commit}});
    }
    return Reply::json(202, {{"status", "pending"}, {"deployment_id", list[0]["deployment_id"]}, {"deployments", list}});
}

}  // namespace rivetr::api
