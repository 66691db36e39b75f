// The API server from a raw socket: bodies over a route's limit refused from the headers, a huge upload
// that does not stall other clients, read timeouts, and the framework's own errors in the JSON shape.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/http/api_server.hpp"
#include "api/system/health_route.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using test::RawConnection;

Reply bodySize(const Pistache::Rest::Request& req, RequestContext&) {
    return Reply::json(202, {{"bytes", req.body().size()}});
}

// Answers after 2.5 s: longer than the header and body timeouts the tests below set.
Reply slowly(const Pistache::Rest::Request&, RequestContext&) {
    std::this_thread::sleep_for(2500ms);
    return Reply::json(200, {{"slow", true}});
}

struct Served {
    int port = test::freePort();
    ApiServer server;
    explicit Served(ApiOptions options = {}) : server(withPort(std::move(options)), routes()) { server.start(); }

    ApiOptions withPort(ApiOptions o) const {
        o.host = "127.0.0.1";
        o.port = port;
        return o;
    }
    static std::vector<Route> routes() {
        return {healthRoute({[] { return true; }, [] { return true; }}),
                {Method::Post, "/webhooks/github", std::nullopt, {}, bodySize},
                {Method::Put, "/api/things/:id", std::nullopt, {}, bodySize},
                {Method::Get, "/slow", std::nullopt, {}, slowly}};
    }
};

std::string post(const std::string& path, std::size_t length, const std::string& extra = "") {
    return "POST " + path + " HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(length) + "\r\n" + extra + "\r\n";
}

// The contract's error shape, with the given status and code.
void expectJsonError(const test::RawResponse& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "", "application/json");
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << "not JSON: " << r.body;
    EXPECT_EQ(j["error"]["code"], code) << r.body;
    EXPECT_TRUE(j["error"]["message"].is_string()) << r.body;
}

TEST(ApiLimits, ContentLengthOverTheWebhookLimitIs413BeforeTheBodyIsSent) {
    Served s;
    RawConnection c(s.port);
    auto started = Clock::now();
    ASSERT_TRUE(c.send(post("/webhooks/github", 10 * 1024 * 1024)));
    auto r = c.readResponse(3s);
    EXPECT_LT(Clock::now() - started, 1s);
    expectJsonError(r, 413, "payload_too_large");
    EXPECT_EQ(r.headers["connection"], "Close");
    EXPECT_TRUE(c.closedWithin(2s));
}

TEST(ApiLimits, BodiesWithinTheirRouteLimitArrive) {
    Served s;
    RawConnection hook(s.port);
    ASSERT_TRUE(hook.send(post("/webhooks/github", 1024 * 1024)) && hook.sendFiller(1024 * 1024));
    auto r = hook.readResponse(10s);
    ASSERT_EQ(r.status, 202) << r.body;
    EXPECT_EQ(nlohmann::json::parse(r.body)["bytes"], 1024 * 1024);
    // Other routes keep the general 4 MiB limit: a 3 MiB document still gets through.
    RawConnection big(s.port);
    ASSERT_TRUE(big.send("PUT /api/things/x HTTP/1.1\r\nHost: api\r\nContent-Length: 3145728\r\n\r\n") &&
                big.sendFiller(3 * 1024 * 1024));
    EXPECT_EQ(big.readResponse(10s).status, 202);
}

TEST(ApiLimits, TenMegabyteUploadDoesNotDelayHealthOnAnotherConnection) {
    Served s;
    std::atomic<bool> uploading{true};
    auto upload = std::async(std::launch::async, [&] {
        RawConnection c(s.port);
        c.send(post("/webhooks/github", 10 * 1024 * 1024));
        c.sendFiller(10 * 1024 * 1024);
        auto r = c.readResponse(60s);
        uploading = false;
        return r.status;
    });
    std::this_thread::sleep_for(20ms);  // the upload is under way
    std::chrono::milliseconds worst{0};
    for (int i = 0; i < 20; ++i) {
        auto t0 = Clock::now();
        auto r = test::httpGet("http://127.0.0.1:" + std::to_string(s.port) + "/health");
        auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
        EXPECT_EQ(r.status, 200) << r.error;
        worst = std::max(worst, took);
    }
    EXPECT_LT(worst, 500ms) << "a /health took " << worst.count() << " ms during the upload";
    EXPECT_EQ(upload.get(), 413);
}

// What follows a refused head is dropped unread, but not forever: past 64 MiB the connection is cut.
TEST(ApiLimits, RefusedUploadIsCutOffAfterSixtyFourMebibytes) {
    Served s;
    RawConnection c(s.port);
    ASSERT_TRUE(c.send(post("/webhooks/github", std::size_t{1} << 30)));
    expectJsonError(c.readResponse(3s), 413, "payload_too_large");
    EXPECT_FALSE(c.sendFiller(std::size_t{256} << 20)) << "256 MiB were accepted after the refusal";
}

// A request that stops arriving is cut off by the timeout for the part it stalls in: the head or the body.
TEST(ApiLimits, RequestThatStallsIsCutOffByItsReadTimeout) {
    struct Stall {
        std::chrono::milliseconds ApiOptions::*timeout;
        std::string sent;  // what arrives before the client goes quiet
    };
    const std::vector<Stall> stalls{
        {&ApiOptions::headerTimeout, "GET /health HTTP/1.1\r\nHost: api\r\n"},
        {&ApiOptions::bodyTimeout, post("/webhooks/github", 100) + "{\"partial\":"},
    };
    for (const auto& stall : stalls) {
        SCOPED_TRACE(stall.sent);
        ApiOptions o;
        o.*stall.timeout = 1s;
        Served s(o);
        RawConnection c(s.port);
        ASSERT_TRUE(c.send(stall.sent));
        auto started = Clock::now();
        EXPECT_TRUE(c.closedWithin(5s));
        EXPECT_LT(Clock::now() - started, 3s);
    }
}

// The read timeouts bound how long a request takes to arrive, not how long its handler takes: Pistache
// counted a handler's time as a stalled head and wrote a 408 over the connection the answer was due on.
TEST(ApiLimits, HandlerSlowerThanTheReadTimeoutsStillAnswers) {
    ApiOptions o;
    o.headerTimeout = 1s;
    o.bodyTimeout = 1s;
    Served s(o);
    RawConnection c(s.port);
    ASSERT_TRUE(c.send("GET /slow HTTP/1.1\r\nHost: api\r\nConnection: keep-alive\r\n\r\n"));
    auto r = c.readResponse(6s);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(nlohmann::json::parse(r.body)["slow"], true);
    // The connection still serves a next request, and a stalled head on it is still cut off.
    ASSERT_TRUE(c.send("GET /health HTTP/1.1\r\nHost: api\r\nConnection: keep-alive\r\n\r\n"));
    EXPECT_EQ(c.readResponse(3s).status, 200);
    ASSERT_TRUE(c.send("GET /health HTTP/1.1\r\n"));
    EXPECT_TRUE(c.closedWithin(5s));
}

TEST(ApiLimits, FrameworkErrorsAreTheJsonErrorShape) {
    Served s;
    auto ask = [&](const std::string& raw) {
        RawConnection c(s.port);
        c.send(raw);
        return c.readResponse(3s);
    };
    auto notAllowed = ask("GET /webhooks/github HTTP/1.1\r\nHost: api\r\n\r\n");
    expectJsonError(notAllowed, 405, "method_not_allowed");
    EXPECT_EQ(notAllowed.headers["allow"], "POST");
    expectJsonError(ask("PATCH /health HTTP/1.1\r\nHost: api\r\n\r\n"), 405, "method_not_allowed");
    expectJsonError(ask("BREW /health HTTP/1.1\r\nHost: api\r\n\r\n"), 400, "bad_request");
    expectJsonError(ask("GET /health HTTP/9.9\r\nHost: api\r\n\r\n"), 400, "bad_request");
    expectJsonError(ask("PATCH /nowhere HTTP/1.1\r\nHost: api\r\n\r\n"), 404, "not_found");
    expectJsonError(ask(post("/api/things/x", 5 * 1024 * 1024)), 413, "payload_too_large");
    expectJsonError(ask("GET /health HTTP/1.1\r\nX-Big: " + std::string(70 * 1024, 'a') + "\r\n\r\n"), 431,
                    "headers_too_large");
    expectJsonError(ask("POST /webhooks/github HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), 400,
                    "bad_request");
}

TEST(ApiLimits, KeepAliveConnectionServesRequestsAfterOneAnother) {
    Served s;
    RawConnection c(s.port);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(c.send(post("/webhooks/github", 2, "Connection: keep-alive\r\n") + "{}"));
        auto r = c.readResponse(3s);
        ASSERT_EQ(r.status, 202) << i;
        EXPECT_EQ(nlohmann::json::parse(r.body)["bytes"], 2);
    }
}

}  // namespace
}  // namespace rivetr::api
