// Shared set-up for the container manager's tests against the real dockerd: a manager over the local engine,
// a recording app gateway, and cleanup of every container the test labelled (clones and edits included).
#pragma once

#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "containers/container_error.hpp"
#include "containers/container_manager.hpp"
#include "hosts/local_host_directory.hpp"
#include "runtime/runtime_test_fixture.hpp"

namespace rivetr::containers::testing {

// Stands in for engine::AppActions: names the app "shop" and records what it was asked.
class RecordingApps : public AppGateway {
public:
    std::string appName(const std::string&) override { return "shop"; }
    void act(const std::string& appId, AppVerb verb) override { calls.emplace_back(appId, verb); }
    std::vector<std::pair<std::string, AppVerb>> calls;
};

class ManagerTest : public runtime::testing::RuntimeTest {
protected:
    // Not rivetr.*: those would mark the container as an app's. Clones and edits keep it.
    static constexpr const char* kRunLabel = "rivetr_test.run";

    void SetUp() override {
        RuntimeTest::SetUp();
        shared = std::shared_ptr<runtime::ContainerRuntime>(runtime::connectRuntime(options()));
        directory = std::make_unique<hosts::LocalHostDirectory>([this] { return shared; });
        std::filesystem::create_directories(bindRoot.path() / "site");
        PolicyOptions policy = localPolicyDefaults();
        policy.allowedBindRoots = {bindRoot.path().string()};
        policy.dockerSocket = test::dockerSocket();
        manager = std::make_unique<ContainerManager>(*directory, policy, &apps);
        image = buildTestserver("img");
    }

    void TearDown() override {
        if (rt) {
            runtime::ContainerQuery mine;
            mine.labels = {{kRunLabel, run}};
            for (const auto& c : rt->queryContainers(mine))
                swallow([&] { rt->removeContainer(c.id, {.force = true, .volumes = true}); });
        }
        RuntimeTest::TearDown();
    }

    // A config of this test's: the test server image, labelled for cleanup, named uniquely.
    ContainerConfig config(const std::string& suffix) {
        ContainerConfig c;
        c.name = name(suffix);
        c.image = image;
        c.labels = {{kRunLabel, run}};
        return c;
    }
    std::string name(const std::string& suffix) const { return "rvt-" + run.substr(4) + "-" + suffix; }

    // The ContainerError `f` throws (fails the test when it throws none).
    template <typename F>
    ContainerError refusal(F f) {
        try {
            f();
        } catch (const ContainerError& e) {
            return e;
        }
        ADD_FAILURE() << "expected a ContainerError";
        return ContainerError(0, "", "");
    }

    std::size_t ours() {
        runtime::ContainerQuery mine;
        mine.labels = {{kRunLabel, run}};
        return rt->queryContainers(mine).size();
    }

    std::string run = newId("run");
    std::shared_ptr<runtime::ContainerRuntime> shared;
    std::unique_ptr<hosts::LocalHostDirectory> directory;
    RecordingApps apps;
    test::TempDir bindRoot{"rivetr-bind-root"};
    std::unique_ptr<ContainerManager> manager;
    std::string image;
};

}  // namespace rivetr::containers::testing
