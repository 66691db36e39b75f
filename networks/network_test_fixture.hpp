// Shared set-up for tests of the Docker manager's networks on the real dockerd: networks and busybox containers labelled with the test's owner label, a subnet no other network uses, everything removed at the end.
#pragma once

#include <random>
#include <set>

#include "containers/app_gateway.hpp"
#include "containers/testing/named_apps.hpp"
#include "networks/address_block.hpp"
#include "runtime/image_test_fixture.hpp"

namespace rivetr::networks::testing {

using containers::testing::NamedApps;

class NetworkTest : public runtime::testing::ImageTest {
protected:
    void TearDown() override {
        if (rt) {
            runtime::LabelFilter mine{{kOwnerLabel, app}};
            // Containers hold networks: they go first.
            for (const auto& c : rt->listContainers(mine)) swallow([&] { rt->removeContainer(c.id, {.force = true}); });
            for (const auto& n : rt->listNetworks(mine)) swallow([&] { rt->removeNetwork(n.id); });
        }
        ImageTest::TearDown();
    }

    runtime::Labels mine() const { return {{kOwnerLabel, app}}; }
    // A network name of this test: "rivetr-test-net-<app>-<suffix>".
    std::string netName(const std::string& suffix) const { return "rivetr-test-net-" + app + "-" + suffix; }

    // "10.x.y." such that 10.x.y.0/24 overlaps no network on the engine now (others run beside us).
    std::string freePrefix() {
        std::vector<AddressBlock> taken;
        for (const auto& n : rt->listNetworks({}))
            for (const auto& p : rt->inspectNetwork(n.id).pools)
                if (auto b = parseBlock(p.subnet)) taken.push_back(*b);
        std::mt19937 rng(std::random_device{}());
        for (int attempt = 0; attempt < 200; ++attempt) {
            std::string prefix = "10." + std::to_string(200 + rng() % 50) + "." + std::to_string(rng() % 250 + 1) + ".";
            auto mine = *parseBlock(prefix + "0/24");
            bool clash = false;
            for (const auto& t : taken) clash = clash || t.contains(mine) || mine.contains(t);
            if (!clash) return prefix;
        }
        ADD_FAILURE() << "no free /24 for a test network";
        return "10.199.199.";
    }

    // A running busybox container of this test (its extra labels e.g. mark it as an app's).
    std::string runningContainer(const runtime::Labels& extra = {}) {
        if (image_.empty()) image_ = buildBusybox(repo() + ":net");
        runtime::ContainerSpec s;
        s.name = "rivetr-test-net-" + app + "-c" + std::to_string(++count_);
        s.image = image_;
        s.labels = extra;
        s.labels[kOwnerLabel] = app;
        s.entrypoint = {"/bin/busybox", "sleep", "300"};
        return rt->runContainer(s);
    }

private:
    std::string image_;
    int count_ = 0;
};

}  // namespace rivetr::networks::testing
