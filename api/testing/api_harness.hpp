// One control API under test: a fresh data directory, its store, the composition root, and the server with every route.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/api_context.hpp"
#include "api/apps/runtimeless_engine.hpp"
#include "api/http/api_server.hpp"
#include "api/route_table.hpp"
#include "core/crypto.hpp"
#include "store/store.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::api::testing {

// Password hashes cheap enough for tests: they prove the flow, not the cost.
inline AuthOptions fastAuth() {
    AuthOptions o;
    o.passwordCost = {64, 1, 1};
    return o;
}

// Every API test fixture holds one (route tables, auth, live data, webhooks, container actions), so
// the way an API under test is assembled lives here once. Members are public: fixtures reach in.
class ApiHarness {
public:
    explicit ApiHarness(std::string token, AuthOptions options = fastAuth())
        : adminToken(std::move(token)),
          store(store::Store::open(dir.path())),
          ctx(*store, *crypto::keyFromHex(std::string(64, 'e')), this->adminToken, std::move(options)) {}
    ~ApiHarness() { shutdown(); }

    // A real engine whose container runtime never answers (a deployment fails at once for want of
    // it): what route tests need. Owned here so it outlives the routes that observe its events.
    test::RuntimelessEngine& runtimeless() {
        if (!rig) rig = std::make_unique<test::RuntimelessEngine>(*store, ctx, dir.path());
        return *rig;
    }
    // Stops the server and drops the routes; a fixture with an engine of its own calls it before
    // that engine goes (the event feed's routes hold a subscription to its events).
    void shutdown() {
        if (server) server->stop(std::chrono::seconds(2));
        server.reset();
        routes.clear();
    }

    // (Re)starts the server on the harness's port with every route (`engine` null: without the
    // deployment and webhook routes) and these options (host and port are the harness's).
    void serve(engine::Engine* engine = nullptr, ApiOptions options = {}) {
        server.reset();
        options.host = "127.0.0.1";
        options.port = port;
        routes = controlRoutes(ctx, {[] { return true; }, [] { return true; }}, engine);
        server = std::make_unique<ApiServer>(options, routes, &ctx.auth);
        server->observeRequests(&ctx.live.metrics);
        server->start();
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
    std::string bearer() const { return "Authorization: Bearer " + adminToken; }

    const std::string adminToken;
    test::TempDir dir;
    std::unique_ptr<store::Store> store;
    ApiContext ctx;
    int port = test::freePort();
    std::unique_ptr<test::RuntimelessEngine> rig;  // before routes and server: destroyed after them
    std::vector<Route> routes;  // what serve() registered
    std::unique_ptr<ApiServer> server;
};

}  // namespace rivetr::api::testing
