// The Docker-manager route tests' fixture: an ApiHarness on the real dockerd with a client per role, the
// OpenAPI document to hold answers to, and the containers a test made (by its run label) removed after it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "api/http/documented_answer.hpp"
#include "api/testing/role_client.hpp"
#include "core/ids.hpp"
#include "runtime/runtime_test_fixture.hpp"

namespace rivetr::api::testing {

class EngineRoutesTest : public runtime::testing::RuntimeTest {
protected:
    static constexpr const char* kAdminToken = "admin-token-for-the-engine-route-tests-0";
    static constexpr const char* kRunLabel = "rivetr_test.run";

    ApiHarness api{kAdminToken};
    RoleClient client{api};
    std::shared_ptr<runtime::ContainerRuntime> shared;
    std::string run = newId("run"), image;  // `image`: set by the tests that create containers
    nlohmann::json doc;

    // What a test's ApiContext needs beyond the engine, before the server starts.
    virtual void configure() {}

    void SetUp() override {
        RuntimeTest::SetUp();
        shared = std::shared_ptr<runtime::ContainerRuntime>(runtime::connectRuntime(options()));
        api.ctx.live.runtime = [this] { return shared; };
        api.ctx.containerPolicy.dockerSocket = test::dockerSocket();
        configure();
        api.serve();
        doc = nlohmann::json::parse(call("GET", "/api/openapi.json", store::Role::viewer).body);
    }
    // Only tests that built an image made containers: the others do not wait on a slow shared dockerd here.
    void TearDown() override {
        if (rt && !image.empty()) {
            runtime::ContainerQuery mine;
            mine.labels = {{kRunLabel, run}};
            for (const auto& c : rt->queryContainers(mine)) swallow([&] { rt->removeContainer(c.id, {.force = true, .volumes = true}); });
        }
        api.shutdown();
        RuntimeTest::TearDown();
    }

    test::HttpResponse call(const std::string& method, const std::string& path, store::Role role,
                            const nlohmann::json& body = nullptr) {
        return client.call(role, method, path, body.is_null() ? "" : body.dump());
    }
    // The call, its answer held to the document's schema for `route` (the path as documented).
    test::HttpResponse checked(const std::string& method, const std::string& route, const std::string& path,
                               store::Role role, const nlohmann::json& body = nullptr) {
        auto r = call(method, path, role, body);
        expectDocumented(doc, method, route, r);
        return r;
    }
    // A container name unique to this run.
    std::string name(const std::string& suffix) const { return "rvt-" + run.substr(4) + "-" + suffix; }
    // The audit rows of `action`, newest first: {actor, target, details}.
    std::vector<nlohmann::json> audit(const std::string& action) {
        std::vector<nlohmann::json> out;
        for (const auto& e : client.audited(action))
            out.push_back({{"actor", e.actor}, {"target", e.targetId}, {"details", nlohmann::json::parse(e.details)}});
        return out;
    }
};

}  // namespace rivetr::api::testing
