// The one webhook flow every provider shares: verify, find the signed apps, filter, de-duplicate, deploy the pushed commit.
#include "api/webhook_handler.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "api/api_errors.hpp"
#include "api/repo_url.hpp"
#include "api/webhook_payload.hpp"
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

// Nothing about an app is revealed before the signature verifies: an unknown repository and a
// repository no secret verifies get one fixed answer, and the branch, skip and duplicate answers
// (which do tell about the app) come only after it.
Reply WebhookHandler::handle(const WebhookProvider& provider, const WebhookRequest& req, const RequestContext& rc) {
    auto event = provider.event(req);
    auto body = webhook::readBody(req);
    auto apps = signedApps(provider, req, body);
    if (!apps) {
        log::warn("webhook.rejected", {{"provider", provider.name()}, {"event", event.name}, {"request_id", rc.requestId},
                                       {"ip", rc.clientIp}});
        return Reply::error(401, "unauthorized", "the webhook signature is missing or does not match the app's webhook secret");
    }
    if (body.is_null()) throw ValidationError("", "the webhook body must be a JSON object");
    switch (event.kind) {
        case WebhookEvent::Kind::ping:
            return Reply::json(200, {{"status", "pong"}, {"provider", provider.name()}});
        case WebhookEvent::Kind::other:
            return reason(202, "ignored", "the \"" + event.name + "\" event does not deploy; only pushes do");
        case WebhookEvent::Kind::push:
            break;
    }
    return handlePush(provider, event, provider.push(body), std::move(*apps), rc);
}

std::optional<std::vector<store::AppRecord>> WebhookHandler::signedApps(const WebhookProvider& provider,
                                                                       const WebhookRequest& req,
                                                                       const nlohmann::json& body) {
    // A delivery signed with the global secret is for every app of the repository (or a ping of an
    // organisation's hook, which names none).
    bool global = !ctx_.webhookSecret.empty() && provider.verify(req, ctx_.webhookSecret);
    auto candidates = body.is_object() ? appsFor(provider.repoUrls(body)) : std::vector<store::AppRecord>();
    // An unknown repository costs a signature check too, so its 401 does not come measurably sooner.
    if (candidates.empty()) provider.verify(req, "no app has this secret: it only spends the time of a check");
    std::vector<store::AppRecord> out;
    for (auto& app : candidates) {
        if (global || provider.verify(req, app.webhookSecret)) out.push_back(std::move(app));
    }
    if (out.empty() && !global) return std::nullopt;
    return out;
}

std::vector<store::AppRecord> WebhookHandler::appsFor(const std::vector<std::string>& urls) {
    std::set<std::string> keys;
    for (const auto& url : urls) keys.insert(repoKey(url));
    std::vector<store::AppRecord> out;
    if (keys.empty()) return out;
    for (auto& app : ctx_.apps.list()) {
        if (keys.count(repoKey(app.gitUrl))) out.push_back(std::move(app));
    }
    return out;
}

Reply WebhookHandler::handlePush(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                                 std::vector<store::AppRecord> apps, const RequestContext& rc) {
    if (apps.empty()) return reason(202, "ignored", "no app deploys this repository");
    auto branch = branchOf(push.ref);
    if (branch.empty()) return reason(202, "ignored", "\"" + push.ref + "\" is not a branch; nothing to deploy");
    if (push.deleted) return reason(202, "ignored", "branch " + branch + " was deleted; nothing to deploy");
    std::erase_if(apps, [&](const store::AppRecord& a) { return a.branch != branch; });
    if (apps.empty()) return reason(202, "ignored", "branch " + branch + " is not deployed");
    if (auto marker = skipMarker(push.message); !marker.empty()) {
        return reason(202, "skipped", "the head commit says " + marker + "; nothing deployed");
    }
    checkCommit(push.commit);
    apps = claimNew(provider, event, std::move(apps));
    if (apps.empty()) return reason(200, "duplicate", "duplicate delivery " + event.deliveryId + "; nothing deployed");
    return deploy(provider, event, push, apps, rc);
}

std::vector<store::AppRecord> WebhookHandler::claimNew(const WebhookProvider& provider, const WebhookEvent& event,
                                                       std::vector<store::AppRecord> apps) {
    if (event.deliveryId.empty()) return apps;
    auto now = nowMs();
    std::vector<store::AppRecord> fresh;
    for (auto& app : apps) {
        if (deliveries_.claim(provider.name(), event.deliveryId, app.id, now)) fresh.push_back(std::move(app));
    }
    return fresh;
}

Reply WebhookHandler::deploy(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                             const std::vector<store::AppRecord>& apps, const RequestContext& rc) {
    engine::DeployRequest request;
    request.trigger = "webhook";
    request.commit = push.commit;
    auto list = nlohmann::json::array();
    for (std::size_t i = 0; i < apps.size(); ++i) {
        std::string id;
        try {
            id = engine_.deploy(apps[i].id, request);
        } catch (...) {
            // Nothing was enqueued for this app and the ones after it: the provider's redelivery may deploy them.
            if (!event.deliveryId.empty()) {
                for (auto j = i; j < apps.size(); ++j) deliveries_.release(provider.name(), event.deliveryId, apps[j].id);
            }
            throw;
        }
        list.push_back({{"app_id", apps[i].id}, {"deployment_id", id}});
        audit(provider, event, push, apps[i], id, rc);
    }
    return Reply::json(202, {{"status", "pending"}, {"deployment_id", list[0]["deployment_id"]}, {"deployments", list}});
}

void WebhookHandler::audit(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                           const store::AppRecord& app, const std::string& deploymentId, const RequestContext& rc) {
    store::AuditEntry e;
    e.actorType = "webhook";
    e.actor = provider.name();
    e.action = "deployment.create";
    e.targetType = "app";
    e.targetId = app.id;
    e.details = nlohmann::json{{"deployment_id", deploymentId}, {"commit", push.commit}, {"ref", push.ref},
                               {"delivery_id", event.deliveryId}}
                    .dump();
    e.requestId = rc.requestId;
    e.ip = rc.clientIp;
    ctx_.audit.append(e);
    log::info("webhook.deploy", {{"provider", provider.name()}, {"app", app.name}, {"deployment", deploymentId},
                                 {"commit", push.commit}});
}

}  // namespace rivetr::api
