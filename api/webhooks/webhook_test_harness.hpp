// The webhook tests' server: the control API over real HTTP with a real engine whose container runtime is
// "down", apps created as a user would, and deliveries posted and signed as each provider sends them.
#pragma once

#include <gtest/gtest.h>

#include "api/http/api_server.hpp"
#include "api/route_table.hpp"
#include "api/apps/runtimeless_engine.hpp"
#include "core/crypto.hpp"
#include "core/git/source.hpp"
#include "server/proxy_traffic.hpp"
#include "store/app_state_repository.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api::test_webhooks {

inline constexpr const char* kAdminToken = "admin-token-for-the-webhook-tests-0123";

inline std::string hmacHex(const std::string& secret, const std::string& body) {
    return crypto::toHex(crypto::hmacSha256(secret, body));
}

// How each provider names its event and delivery, and how it signs a delivery with the hook's secret.
struct ProviderScheme {
    std::string eventHeader, deliveryHeader;
    std::function<std::vector<std::string>(const std::string& secret, const std::string& body)> sign;
};

inline ProviderScheme schemeOf(const std::string& provider) {
    auto hmacHeader = [](std::string header, std::string prefix) {
        return [header, prefix](const std::string& s, const std::string& b) {
            return std::vector<std::string>{header + ": " + prefix + hmacHex(s, b)};
        };
    };
    if (provider == "github") return {"X-GitHub-Event", "X-GitHub-Delivery", hmacHeader("X-Hub-Signature-256", "sha256=")};
    if (provider == "gitea") return {"X-Gitea-Event", "X-Gitea-Delivery", hmacHeader("X-Gitea-Signature", "")};
    if (provider == "bitbucket") return {"X-Event-Key", "X-Request-UUID", hmacHeader("X-Hub-Signature", "sha256=")};
    // GitLab sends the secret itself: a token, not a signature of the body.
    return {"X-Gitlab-Event", "X-Gitlab-Event-UUID",
            [](const std::string& s, const std::string&) { return std::vector<std::string>{"X-Gitlab-Token: " + s}; }};
}

class WebhookServer {
public:
    WebhookServer() { server.start(); }

    nlohmann::json createApp(const std::string& name, const std::string& gitUrl, const std::string& branch = "main") {
        test::HttpRequest req;
        req.method = "POST";
        req.url = url("/api/apps");
        req.headers = {std::string("Authorization: Bearer ") + kAdminToken, "Content-Type: application/json"};
        req.body = nlohmann::json{{"name", name}, {"git_url", gitUrl}, {"branch", branch}, {"port", 3000}}.dump();
        auto r = test::http(req);
        EXPECT_EQ(r.status, 201) << r.body;
        return nlohmann::json::parse(r.body);
    }
    test::HttpResponse get(const std::string& path) {
        test::HttpRequest req;
        req.url = url(path);
        req.headers = {std::string("Authorization: Bearer ") + kAdminToken};
        return test::http(req);
    }
    // Posts `body` to /webhooks/<provider> with the event and delivery headers and `extra` headers.
    test::HttpResponse post(const std::string& provider, const std::string& event, const std::string& delivery,
                            const std::string& body, const std::vector<std::string>& extra) {
        auto scheme = schemeOf(provider);
        test::HttpRequest req;
        req.method = "POST";
        req.url = url("/webhooks/" + provider);
        req.headers = {"Content-Type: application/json", "User-Agent: " + provider + "-hookshot",
                       scheme.eventHeader + ": " + event, scheme.deliveryHeader + ": " + delivery};
        req.headers.insert(req.headers.end(), extra.begin(), extra.end());
        req.body = body;
        return test::http(req);
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
    std::size_t deploymentsOf(const std::string& appId) { return ctx.deployments.listForApp(appId, 100).size(); }

    test::TempDir dir;
    std::unique_ptr<store::Store> store = store::Store::open(dir.path());
    ApiContext ctx{*store, *crypto::keyFromHex(std::string(64, 'e')), kAdminToken};
    // A queued deployment is recorded and then fails for want of a runtime, which is all a webhook's
    // answer depends on.
    test::RuntimelessEngine rig{*store, ctx, dir.path()};
    engine::Engine& engine = rig.engine;
    std::vector<Route> routes = controlRoutes(ctx, {[] { return true; }, [] { return true; }}, &engine);
    int port = test::freePort();
    ApiServer server{{"127.0.0.1", port}, routes, &ctx.auth};
};

}  // namespace rivetr::api::test_webhooks
