// POST /api/apps/{id}/webhooks/test against a real `rivetr serve`: the signed ping goes to the public webhook
// URL (or the server's own address), what came back is explained, the ping is in the app's deliveries,
// the test is audited, viewers may read but not send, and the CLI does both.
#include <signal.h>

#include "tests/integration/serve_fixture.hpp"

namespace rivetr::test {
namespace {

using nlohmann::json;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class TestDelivery : public ServeFixture {
protected:
    TestDelivery() : ServeFixture("hooked", false) {}

    void restartWithPublicUrl(const std::string& url) {
        stop(SIGTERM);
        extraEnv["RIVETR_SERVER_PUBLIC_URL"] = url;
        start();
    }
    json sendTest() {
        auto r = call("POST", "/api/apps/" + appId + "/webhooks/test");
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body, nullptr, false);
    }
    json deliveries() {
        auto r = call("GET", "/api/apps/" + appId + "/webhooks/deliveries");
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body, nullptr, false)["deliveries"];
    }
};

TEST_F(TestDelivery, WithoutAPublicUrlThePingGoesToTheServerItselfAndIsListed) {
    createApp();
    auto r = sendTest();
    EXPECT_EQ(r["ok"], true) << r.dump(2);
    EXPECT_EQ(r["status"], 200);
    EXPECT_EQ(r["url"], api("/webhooks/github"));
    EXPECT_TRUE(r["error"].is_null());
    EXPECT_TRUE(has(r["explanation"], "accepted its signature")) << r.dump(2);
    EXPECT_TRUE(has(r["warning"], "public_url is not set")) << r.dump(2);
    EXPECT_GE(r["duration_ms"].get<int>(), 0);

    auto list = deliveries();
    ASSERT_EQ(list.size(), 1u) << list.dump(2);
    EXPECT_EQ(list[0]["delivery_id"], r["delivery_id"]);
    EXPECT_EQ(list[0]["provider"], "github");
    EXPECT_EQ(list[0]["event"], "ping");
    EXPECT_EQ(list[0]["result"], "pong");
    EXPECT_EQ(list[0]["http_status"], 200);

    auto audit = json::parse(call("GET", "/api/audit?limit=5").body);
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit[0]["action"], "webhook.test");
    EXPECT_EQ(audit[0]["target_id"], appId);
    EXPECT_EQ(audit[0]["details"]["delivery_id"], r["delivery_id"]);
}

TEST_F(TestDelivery, APublicUrlWhereNothingListensIsExplainedAndNothingIsListed) {
    restartWithPublicUrl("http://127.0.0.1:" + std::to_string(freePort()));
    createApp();
    auto r = sendTest();
    EXPECT_EQ(r["ok"], false);
    EXPECT_TRUE(r["status"].is_null()) << r.dump(2);
    EXPECT_TRUE(r["error"].is_string()) << r.dump(2);
    EXPECT_TRUE(has(r["explanation"], "nothing accepted a connection")) << r.dump(2);
    EXPECT_TRUE(has(r["warning"], "loopback")) << r.dump(2);
    EXPECT_TRUE(deliveries().empty());
    auto cli = ServeFixture::cli({"webhooks", "test", "hooked"});
    EXPECT_EQ(cli.exitCode, 1) << cli.output;
    EXPECT_TRUE(has(cli.output, "no answer") && has(cli.output, "nothing accepted a connection")) << cli.output;
}

// public_url names the proxy, which knows no such host: something answers, but not Rivetr's webhook route.
TEST_F(TestDelivery, APublicUrlThatIsNotRivetrsWebhookRouteIsExplained) {
    restartWithPublicUrl("http://127.0.0.1:" + std::to_string(proxyPort));
    createApp();
    auto r = sendTest();
    EXPECT_EQ(r["ok"], false);
    EXPECT_EQ(r["status"], 404) << r.dump(2);
    EXPECT_TRUE(has(r["explanation"], "not Rivetr's webhook route")) << r.dump(2);
    EXPECT_TRUE(deliveries().empty());
}

TEST_F(TestDelivery, ViewersReadDeliveriesButCannotSendATestAndTheCliDoesBoth) {
    createApp();
    auto viewer = json::parse(call("POST", "/api/tokens", {{"name", "ro"}, {"role", "viewer"}}).body)["token"].get<std::string>();
    HttpRequest req;
    req.method = "POST";
    req.url = api("/api/apps/" + appId + "/webhooks/test");
    req.headers = {"Authorization: Bearer " + viewer};
    EXPECT_EQ(http(req).status, 403);
    req.method = "GET";
    req.url = api("/api/apps/" + appId + "/webhooks/deliveries");
    EXPECT_EQ(http(req).status, 200);

    auto empty = ServeFixture::cli({"webhooks", "deliveries", "hooked"});
    EXPECT_EQ(empty.exitCode, 0);
    EXPECT_TRUE(has(empty.output, "no webhook deliveries yet")) << empty.output;
    auto sent = ServeFixture::cli({"webhooks", "test", "hooked"});
    EXPECT_EQ(sent.exitCode, 0) << sent.output;
    EXPECT_TRUE(has(sent.output, "HTTP 200") && has(sent.output, "warning: [server] public_url is not set")) << sent.output;
    auto listed = ServeFixture::cli({"webhooks", "deliveries", "hooked"});
    EXPECT_TRUE(has(listed.output, "RESULT") && has(listed.output, "pong") && has(listed.output, "ping")) << listed.output;
    EXPECT_EQ(ServeFixture::cli({"webhooks", "nope", "hooked"}).exitCode, 2);
}

}  // namespace
}  // namespace rivetr::test
