// The one webhook flow every provider shares: verify, find the signed apps, filter, de-duplicate, deploy the pushed commit.
#include "api/webhooks/webhook_handler.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "api/http/api_errors.hpp"
#include "api/webhooks/repo_url.hpp"
#include "api/webhooks/webhook_payload.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace rivetr::api {
namespace {

Reply reason(int status, const std::string& state, const std::string& why) {
    return Reply::json(status, {{"status", state}, {"reason", why}});
}

// The marker found in the head commit's message, "" when there is none.
std::string skipMarker(const std::string& message) {
    auto m = asciiLower(message);
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

using Outcomes = std::vector<WebhookHandler::Outcome>;

const char* const kAutoDeployOff = "auto-deploy is off for this app: nothing deployed (deploy it by hand, or turn "
                                   "auto-deploy on in its settings)";

bool undecided(const WebhookHandler::Outcome& o) { return o.result.empty(); }

// Gives every app not decided yet the same result.
void settle(Outcomes& outcomes, const std::string& result, const std::string& why) {
    for (auto& o : outcomes) {
        if (undecided(o)) o.result = result, o.reason = why;
    }
}

// The answer, with every app not decided yet ignored for the same reason.
Reply ignoreRest(Outcomes& outcomes, int status, const std::string& state, const std::string& why) {
    settle(outcomes, "ignored", why);
    return reason(status, state, why);
}

}  // namespace

// Nothing about an app is revealed before the signature verifies: an unknown repository and a
// repository no secret verifies get one fixed answer, and the branch, skip and duplicate answers
// (which do tell about the app) come only after it.
Reply WebhookHandler::handle(const WebhookProvider& provider, const WebhookRequest& req, const RequestContext& rc) {
    auto event = provider.event(req);
    auto body = webhook::readBody(req);
    auto candidates = body.is_object() ? appsFor(provider.repoUrls(body)) : std::vector<store::AppRecord>();
    auto apps = signedApps(provider, req, candidates);
    if (!apps) {
        log::warn("webhook.rejected", {{"provider", provider.name()}, {"event", event.name}, {"request_id", rc.requestId},
                                       {"ip", rc.clientIp}});
        recordRejected(provider, event, candidates);
        return Reply::error(401, "unauthorized", "the webhook signature is missing or does not match the app's webhook secret");
    }
    Outcomes outcomes;
    for (auto& app : *apps) outcomes.push_back({std::move(app), "", "", ""});
    PushEvent push;
    try {
        auto reply = respond(provider, event, body, outcomes, push, rc);
        recordAll(provider, event, push, outcomes, reply.status);
        return reply;
    } catch (const ValidationError& e) {
        settle(outcomes, "rejected", e.what());
        recordAll(provider, event, push, outcomes, 400);
        throw;
    } catch (const std::exception&) {
        settle(outcomes, "failed", "Rivetr could not enqueue the deployment; the server log has the cause");
        recordAll(provider, event, push, outcomes, 500);
        throw;
    }
}

Reply WebhookHandler::respond(const WebhookProvider& provider, const WebhookEvent& event, const nlohmann::json& body,
                              Outcomes& outcomes, PushEvent& push, const RequestContext& rc) {
    if (body.is_null()) throw ValidationError("", "the webhook body must be a JSON object");
    switch (event.kind) {
        case WebhookEvent::Kind::ping:
            settle(outcomes, "pong", "the hook's secret is right: its pushes will be accepted");
            return Reply::json(200, {{"status", "pong"}, {"provider", provider.name()}});
        case WebhookEvent::Kind::other:
            return ignoreRest(outcomes, 202, "ignored", "the \"" + event.name + "\" event does not deploy; only pushes do");
        case WebhookEvent::Kind::push:
            break;
    }
    push = provider.push(body);
    return handlePush(provider, event, push, outcomes, rc);
}

std::optional<std::vector<store::AppRecord>> WebhookHandler::signedApps(const WebhookProvider& provider,
                                                                       const WebhookRequest& req,
                                                                       std::vector<store::AppRecord> candidates) {
    // A delivery signed with the global secret is for every app of the repository (or a ping of an
    // organisation's hook, which names none).
    bool global = !ctx_.webhookSecret.empty() && provider.verify(req, ctx_.webhookSecret);
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
                                 Outcomes& outcomes, const RequestContext& rc) {
    if (outcomes.empty()) return reason(202, "ignored", "no app deploys this repository");
    auto branch = branchOf(push.ref);
    if (branch.empty()) return ignoreRest(outcomes, 202, "ignored", "\"" + push.ref + "\" is not a branch; nothing to deploy");
    if (push.deleted) return ignoreRest(outcomes, 202, "ignored", "branch " + branch + " was deleted; nothing to deploy");
    for (auto& o : outcomes) {
        if (o.app.branch != branch) o.result = "ignored", o.reason = "branch " + branch + " is not deployed (the app deploys " + o.app.branch + ")";
    }
    if (std::none_of(outcomes.begin(), outcomes.end(), undecided)) {
        return reason(202, "ignored", "branch " + branch + " is not deployed");
    }
    for (auto& o : outcomes) {
        if (undecided(o) && !o.app.autoDeploy) o.result = "ignored", o.reason = kAutoDeployOff;
    }
    if (std::none_of(outcomes.begin(), outcomes.end(), undecided)) return reason(202, "ignored", kAutoDeployOff);
    if (auto marker = skipMarker(push.message); !marker.empty()) {
        return ignoreRest(outcomes, 202, "skipped", "the head commit says " + marker + "; nothing deployed");
    }
    checkCommit(push.commit);
    claimNew(provider, event, outcomes);
    if (std::none_of(outcomes.begin(), outcomes.end(), undecided)) {
        return reason(200, "duplicate", "duplicate delivery " + event.deliveryId + "; nothing deployed");
    }
    return deploy(provider, event, push, outcomes, rc);
}

void WebhookHandler::claimNew(const WebhookProvider& provider, const WebhookEvent& event, Outcomes& outcomes) {
    if (event.deliveryId.empty()) return;
    auto now = nowMs();
    for (auto& o : outcomes) {
        if (undecided(o) && !deliveries_.claim(provider.name(), event.deliveryId, o.app.id, now)) {
            o.result = "ignored";
            o.reason = "duplicate delivery " + event.deliveryId + ": it was handled before; nothing deployed";
        }
    }
}

Reply WebhookHandler::deploy(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                             Outcomes& outcomes, const RequestContext& rc) {
    engine::DeployRequest request;
    request.trigger = "webhook";
    request.commit = push.commit;
    // The push says who wrote the commit and why: shown from the start, confirmed by the checkout.
    request.commitMessage = push.message.substr(0, push.message.find('\n'));
    if (!push.author.empty()) request.commitAuthor = push.author;
    std::vector<Outcome*> todo;
    for (auto& o : outcomes) {
        if (undecided(o)) todo.push_back(&o);
    }
    auto list = nlohmann::json::array();
    for (std::size_t i = 0; i < todo.size(); ++i) {
        try {
            todo[i]->deploymentId = engine_.deploy(todo[i]->app.id, request);
        } catch (...) {
            // Nothing was enqueued for this app and the ones after it: the provider's redelivery may deploy them.
            if (!event.deliveryId.empty()) {
                for (auto j = i; j < todo.size(); ++j) deliveries_.release(provider.name(), event.deliveryId, todo[j]->app.id);
            }
            throw;
        }
        todo[i]->result = "deployed";
        todo[i]->reason = "deploying " + push.commit.substr(0, 12) + " of branch " + todo[i]->app.branch;
        list.push_back({{"app_id", todo[i]->app.id}, {"deployment_id", todo[i]->deploymentId}});
        audit(provider, event, push, todo[i]->app, todo[i]->deploymentId, rc);
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

namespace {

store::WebhookDeliveryEntry entryOf(const WebhookProvider& provider, const WebhookEvent& event, const std::string& appId) {
    store::WebhookDeliveryEntry e;
    e.appId = appId;
    e.provider = provider.name();
    e.event = event.name;
    e.deliveryId = event.deliveryId;
    e.receivedAt = nowMs();
    return e;
}

std::optional<std::string> unlessEmpty(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

}  // namespace

void WebhookHandler::recordAll(const WebhookProvider& provider, const WebhookEvent& event, const PushEvent& push,
                               const Outcomes& outcomes, int status) {
    for (const auto& o : outcomes) {
        auto e = entryOf(provider, event, o.app.id);
        e.ref = unlessEmpty(push.ref);
        e.commitSha = unlessEmpty(push.commit);
        e.result = o.result;
        e.reason = o.reason;
        e.deploymentId = unlessEmpty(o.deploymentId);
        e.httpStatus = status;
        history_.record(std::move(e));
    }
}

// Only what the headers say is kept of an unverified request (nothing of its body is believed), and
// only for apps of the repository it names; WebhookDeliveryRecorder bounds and delays the writes.
void WebhookHandler::recordRejected(const WebhookProvider& provider, const WebhookEvent& event,
                                    const std::vector<store::AppRecord>& claimedFor) {
    for (const auto& app : claimedFor) {
        auto e = entryOf(provider, event, app.id);
        e.result = "rejected";
        e.reason = "the signature is missing or does not match this app's webhook secret: nothing was done";
        e.httpStatus = 401;
        history_.recordLater(std::move(e));
    }
}

}  // namespace rivetr::api
