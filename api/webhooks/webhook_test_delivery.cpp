// A test delivery: a ping signed with the app's secret, sent to Rivetr's own public webhook URL as GitHub would send it.
#include "api/webhooks/webhook_test_delivery.hpp"

#include <chrono>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/http_client.hpp"
#include "core/ids.hpp"
#include "core/public_url.hpp"

namespace rivetr::api {
namespace {

// GitHub's ping, as it sends one when a hook is created: the repository names the app.
std::string pingBody(const store::AppRecord& app, const std::string& url) {
    nlohmann::json j{{"zen", "Test delivery from Rivetr."},
                     {"hook_id", 0},
                     {"hook", {{"type", "Repository"}, {"active", true}, {"events", {"push"}},
                               {"config", {{"content_type", "json"}, {"url", url}, {"insecure_ssl", "0"}}}}},
                     {"repository", {{"full_name", app.name}, {"clone_url", app.gitUrl}, {"html_url", app.gitUrl}}},
                     {"sender", {{"login", "rivetr"}}}};
    return j.dump();
}

bool isPong(const http::Response& r) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    return r.status == 200 && j.is_object() && j.value("status", "") == "pong";
}

std::string explain(const http::Response& r, const std::string& url, long timeoutMs) {
    switch (r.failure) {
        case http::Failure::None: break;
        case http::Failure::CouldNotResolve:
            return "the host of " + url + " does not resolve from this server: check [server] public_url and its DNS record";
        case http::Failure::CouldNotConnect:
            return "nothing accepted a connection at " + url + ": is Rivetr's proxy listening on that address and port, "
                   "and does the firewall let it in?";
        case http::Failure::TimedOut:
            return "no answer from " + url + " within " + std::to_string(timeoutMs / 1000) + " s";
        default:
            return "the request to " + url + " failed: " + r.detail;
    }
    auto status = std::to_string(r.status);
    if (isPong(r)) return "Rivetr received the signed ping at " + url + " and accepted its signature";
    if (r.status == 401) return url + " refused the signature (401): is [server] public_url this Rivetr server?";
    if (r.status == 404 || r.status == 405) {
        return url + " answered " + status + ": that is not Rivetr's webhook route; does [server] public_url point at "
               "this server, or at a proxy that forwards /webhooks/ to it?";
    }
    return url + " answered HTTP " + status + " where Rivetr answers 200 \"pong\"";
}

}  // namespace

TestDeliveryResult sendTestDelivery(const store::AppRecord& app, const PublicAddress& address, long timeoutMs) {
    TestDeliveryResult out;
    out.deliveryId = "rivetr-test-" + newId("ping").substr(5);
    auto base = publicUrlBase(address.publicUrl.empty() ? address.selfUrl : address.publicUrl);
    if (base.empty()) {
        out.explanation = "[server] public_url is not set: there is no webhook URL to test";
        return out;
    }
    out.url = base + "/webhooks/github";
    if (address.publicUrl.empty()) {
        out.warning = "[server] public_url is not set, so this test went to Rivetr's own address (" + base +
                      "): it proves the secret, not that GitHub can reach this server";
    } else {
        out.warning = publicUrlWarning(address.publicUrl);
    }
    auto body = pingBody(app, out.url);
    http::Request req;
    req.method = "POST";
    req.url = out.url;
    req.body = body;
    req.headers = {"Content-Type: application/json", "User-Agent: GitHub-Hookshot/rivetr-test", "X-GitHub-Event: ping",
                   "X-GitHub-Delivery: " + out.deliveryId,
                   "X-Hub-Signature-256: sha256=" + crypto::toHex(crypto::hmacSha256(app.webhookSecret, body))};
    req.timeout = std::chrono::milliseconds(timeoutMs);
    req.connectTimeout = std::chrono::milliseconds(std::min(timeoutMs, 5000L));
    req.ignoreProxyEnv = isLoopbackUrl(base);  // an http_proxy cannot reach this host's loopback
    auto started = std::chrono::steady_clock::now();
    auto r = http::perform(req);
    out.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (r.status) out.status = static_cast<int>(r.status);
    out.ok = r.ok() && isPong(r);
    out.response = r.body.substr(0, 2048);
    if (!r.ok()) out.error = r.error;
    out.explanation = explain(r, out.url, timeoutMs);
    return out;
}

nlohmann::json testDeliveryToJson(const TestDeliveryResult& r) {
    auto optional = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    return {{"delivery_id", r.deliveryId}, {"url", r.url},         {"ok", r.ok},
            {"status", optional(r.status)}, {"duration_ms", r.durationMs}, {"response", r.response},
            {"error", optional(r.error)},   {"explanation", r.explanation}, {"warning", optional(r.warning)}};
}

}  // namespace rivetr::api
