// External routes over the API, as an admin uses them: a service Rivetr does not run is served by
// Host through the proxy, survives a restart (the store is the truth), and goes away on delete.
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ExternalRoutes : public test::ServeFixture {
protected:
    ExternalRoutes() : ServeFixture("external") {}

    int backendPort = test::freePort();
    std::optional<Process> backend;

    void startBackend() {
        SpawnOptions o;
        o.env = {{"PORT", std::to_string(backendPort)}, {"TESTSERVER_VERSION", "outside"}};
        o.stdoutFile = dir.path() / "backend.log";
        backend = Process::spawn({test::testserverBinary().string()}, o);
        ASSERT_TRUE(test::waitForHttp("http://127.0.0.1:" + std::to_string(backendPort) + "/health", 200, 10s));
    }
    void TearDown() override {
        if (backend) {
            backend->signal(SIGTERM);
            backend->wait(5s);
        }
        ServeFixture::TearDown();
    }
    test::HttpResponse host(const std::string& name) { return viaProxy("/", name); }
};

TEST_F(ExternalRoutes, ServedByHostKeptAcrossRestartsAndRemoved) {
    startBackend();
    auto upstream = "127.0.0.1:" + std::to_string(backendPort);
    EXPECT_EQ(host("grafana.test").status, 404);

    auto created = call("POST", "/api/routes", {{"domain", "Grafana.TEST"}, {"upstream", upstream}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(json::parse(created.body)["domain"], "grafana.test");
    EXPECT_EQ(host("grafana.test").body, "version=outside\n");

    // Bad input: the field is named and nothing changes.
    auto bad = call("POST", "/api/routes", {{"domain", "grafana.test"}, {"upstream", "127.0.0.1:99999"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(json::parse(bad.body)["error"]["field"], "upstream");
    EXPECT_EQ(host("grafana.test").body, "version=outside\n");

    // An app's domain cannot be taken, nor can an app take a route's domain.
    createApp();
    EXPECT_EQ(call("POST", "/api/routes", {{"domain", "external.test"}, {"upstream", upstream}}).status, 409);
    auto clash = call("PUT", "/api/apps/" + appId, {{"domains", {"external.test", "grafana.test"}}});
    EXPECT_EQ(clash.status, 409) << clash.body;

    stop(SIGTERM);
    start();
    EXPECT_EQ(host("grafana.test").body, "version=outside\n") << "the route did not come back after a restart";
    auto listed = json::parse(call("GET", "/api/routes").body);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["upstream"], upstream);

    EXPECT_EQ(call("DELETE", "/api/routes/grafana.test").status, 204);
    EXPECT_EQ(host("grafana.test").status, 404);
    EXPECT_EQ(call("DELETE", "/api/routes/grafana.test").status, 404);
    EXPECT_NE(call("GET", "/api/audit").body.find("route.delete"), std::string::npos);
}

}  // namespace
}  // namespace rivetr
