// The API server: health shape, request ids, error mapping that hides internals, and a drained stop.
#include "api/http/api_server.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "api/system/health_route.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;

struct Running {
    int port = test::freePort();
    ApiServer server;
    explicit Running(std::vector<Route> routes) : server(ApiOptions{"127.0.0.1", port, 1, 4}, std::move(routes)) {
        server.start();
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

TEST(ApiServer, HealthReportsDatabaseAndRuntime) {
    Running s({healthRoute({[] { return true; }, [] { return false; }})});
    auto r = test::httpGet(s.url("/health"));
    ASSERT_EQ(r.status, 200) << r.error;
    auto j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["status"], "ok");
    EXPECT_EQ(j["db"], "ok");
    EXPECT_EQ(j["runtime"], "unavailable");
    EXPECT_FALSE(j["version"].get<std::string>().empty());
    EXPECT_EQ(r.headers["content-type"], "application/json");
}

TEST(ApiServer, HealthIs503WhenTheDatabaseIsDown) {
    Running s({healthRoute({[] { return false; }, [] { return true; }})});
    auto r = test::httpGet(s.url("/health"));
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(nlohmann::json::parse(r.body)["db"], "unavailable");
}

// A full data directory fails deploys, not the API: /health says so beside the fields it always had.
TEST(ApiServer, HealthReportsADataDirectoryThatIsFullOrUnwritable) {
    DiskReport full{DiskStatus::Full, 1900000, "no space left on device"};
    Running s({healthRoute({[] { return true; }, [] { return true; }, [&] { return full; }})});
    auto j = nlohmann::json::parse(test::httpGet(s.url("/health")).body);
    EXPECT_EQ(j["status"], "ok");
    EXPECT_EQ(j["db"], "ok");
    EXPECT_EQ(j["runtime"], "ok");
    EXPECT_EQ(j["disk"], (nlohmann::json{{"status", "full"}, {"free_bytes", 1900000}}));
    full = {DiskStatus::Unwritable, std::nullopt, "read-only"};
    j = nlohmann::json::parse(test::httpGet(s.url("/health")).body);
    EXPECT_EQ(j["disk"], (nlohmann::json{{"status", "unwritable"}, {"free_bytes", nullptr}}));
}

TEST(ApiServer, RequestIdIsEchoedOrGenerated) {
    Running s({healthRoute({[] { return true; }, [] { return true; }})});
    auto given = test::httpGet(s.url("/health"), {"X-Request-Id: abc-123"});
    EXPECT_EQ(given.headers["x-request-id"], "abc-123");
    auto generated = test::httpGet(s.url("/health"), {"X-Request-Id: bad id with spaces"});
    EXPECT_EQ(generated.headers["x-request-id"].size(), 16u);
}

TEST(ApiServer, HandlerExceptionBecomes500WithoutInternals) {
    Running s({{Method::Get, "/boom", std::nullopt, {}, [](const auto&, auto&) -> Reply {
                    throw std::runtime_error("secret internal detail");
                }}});
    auto r = test::httpGet(s.url("/boom"));
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body.find("secret internal detail"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "internal");
}

TEST(ApiServer, UnknownRouteIsJson404) {
    Running s({});
    auto r = test::httpGet(s.url("/nope"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "not_found");
}

TEST(ApiServer, StopFinishesInFlightRequestsAndRefusesNewOnes) {
    std::promise<void> entered;
    Running s({{Method::Get, "/slow", std::nullopt, {}, [&](const auto&, auto&) {
                    entered.set_value();
                    std::this_thread::sleep_for(600ms);
                    return Reply::json(200, {{"done", true}});
                }},
               {Method::Get, "/fast", std::nullopt, {}, [](const auto&, auto&) { return Reply::json(200, {}); }}});
    auto slow = std::async(std::launch::async, [&] { return test::httpGet(s.url("/slow")); });
    entered.get_future().wait();
    auto stopping = std::async(std::launch::async, [&] { s.server.stop(5s); });
    std::this_thread::sleep_for(100ms);
    auto refused = test::httpGet(s.url("/fast"));
    EXPECT_EQ(refused.status, 503);
    auto r = slow.get();
    EXPECT_EQ(r.status, 200) << "an in-flight request was dropped by the stop";
    EXPECT_EQ(nlohmann::json::parse(r.body)["done"], true);
    stopping.get();
}

}  // namespace
}  // namespace rivetr::api
