// Shared set-up for the runtime's integration tests: a connected runtime, a unique app id, and cleanup of
// everything labelled with that id (containers, images, volumes, networks) even when a test fails.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "core/ids.hpp"
#include "runtime/container_runtime.hpp"
#include "runtime/docker_client.hpp"
#include "runtime/naming.hpp"
#include "runtime/testing/swallow.hpp"
#include "tests/fixtures/fixture_image.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::runtime::testing {

// Subclasses choose the engine through options(); Docker by default.
class RuntimeTest : public ::testing::Test {
protected:
    virtual RuntimeOptions options() const {
        RuntimeOptions o;
        o.runtimeType = "docker";
        o.dockerSocket = test::dockerSocket();
        return o;
    }

    void SetUp() override {
        RIVETR_REQUIRE_DOCKER();
        rt = connectRuntime(options());
    }

    void TearDown() override {
        if (!rt) return;
        auto mine = rivetrFilter(app);
        // Order matters: containers hold images, volumes and networks.
        for (const auto& c : rt->listContainers(mine)) swallow([&] { rt->removeContainer(c.id, {.force = true, .volumes = true}); });
        for (const auto& n : rt->listNetworks(mine)) swallow([&] { rt->removeNetwork(n.id); });
        for (const auto& v : rt->listVolumes(mine)) swallow([&] { rt->removeVolume(v.name, true); });
        for (const auto& i : rt->listImages(mine)) swallow([&] { rt->removeImage(i.id, true); });
        for (const auto& ref : extraImages) swallow([&] { rt->removeImage(ref, true); });
        for (const auto& name : extraVolumes) swallow([&] { rt->removeVolume(name, true); });
    }

    // Clean-up on the engine that must not fail the test (derived fixtures call it unqualified).
    template <typename F>
    static void swallow(F f) { testing::swallow(f); }

    // Builds the testserver (plus busybox at /bin/busybox, for exec) as rivetr/<app>:<dep>.
    std::string buildTestserver(const std::string& dep, std::map<std::string, std::string> env = {},
                                const std::string& extraDockerfile = "") {
        test::writeTestserverContext(ctx.path() / dep, env);
        std::filesystem::copy_file("/bin/busybox", ctx.path() / dep / "busybox");
        test::writeFile(ctx.path() / dep / "Dockerfile",
                        test::testserverDockerfile(env) + "COPY busybox /bin/busybox\n" + extraDockerfile);
        BuildRequest b;
        b.contextDir = ctx.path() / dep;
        b.tags = {imageRef(app, dep)};
        b.labels = rivetrLabels(app, dep);
        rt->build(b);
        return imageRef(app, dep);
    }

    ContainerSpec specFor(const std::string& image, const std::string& dep) {
        ContainerSpec s;
        s.name = containerName(app, dep);
        s.image = image;
        s.labels = rivetrLabels(app, dep);
        return s;
    }

    // The testserver of `dep`, built, running and answering on a free host port (returned with its id).
    struct Serving {
        std::string id;
        int port;
    };
    Serving runTestserver(const std::string& dep) {
        int port = test::freePort();
        auto spec = specFor(buildTestserver(dep), dep);
        spec.ports = {{8000, port, "tcp"}};
        std::string id = rt->runContainer(spec);
        EXPECT_TRUE(test::waitForHttp("http://127.0.0.1:" + std::to_string(port) + "/", 200, std::chrono::seconds(10)));
        return {id, port};
    }

    // Removes this app's volume and network (their containers gone) and checks that none of either is left.
    void removeVolumeAndNetwork(const std::string& volume, const std::string& network) {
        rt->removeVolume(volume);
        rt->removeNetwork(network);
        EXPECT_TRUE(rt->listVolumes(rivetrFilter(app)).empty());
        EXPECT_TRUE(rt->listNetworks(rivetrFilter(app)).empty());
    }

    // Runs a build that `b.cancel` is going to stop: it must end with Cancelled, not succeed or fail otherwise.
    void expectBuildCancelled(BuildRequest& b) {
        try {
            rt->build(b);
            ADD_FAILURE() << "a cancelled build throws";
        } catch (const RuntimeError& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Cancelled) << e.what();
        }
    }

    // A network labelled for cleanup with a /24 of its own (fixed addresses need a configured subnet,
    // which createNetwork does not set); `subnetPrefix` gets e.g. "10.251.7." for addresses in it.
    std::string subnetNetwork(std::string& subnetPrefix) {
        DockerEndpoint endpoint;
        endpoint.unixSocket = test::dockerSocket();
        DockerClient client(endpoint);
        client.setApiVersion("1.41");
        std::mt19937 rng(std::random_device{}());
        std::string name = networkName(newId("net"));
        for (int attempt = 0; attempt < 20; ++attempt) {
            subnetPrefix = "10.251." + std::to_string(rng() % 250 + 1) + ".";
            nlohmann::json body = {{"Name", name},
                                   {"Labels", rivetrLabels(app)},
                                   {"IPAM", {{"Config", nlohmann::json::array({{{"Subnet", subnetPrefix + "0/24"}}})}}}};
            if (client.call("POST", "/networks/create", body.dump()).status == 201) return name;
        }
        ADD_FAILURE() << "no free subnet for a test network";
        return name;
    }

    std::unique_ptr<ContainerRuntime> rt;
    std::string app = newId("app");
    test::TempDir ctx{"rivetr-runtime"};
    std::vector<std::string> extraImages, extraVolumes;  // unlabelled things a test made on purpose
};

}  // namespace rivetr::runtime::testing
