// The local-only host directory: the local id resolves, others are unknown, an absent engine is a state.
#include "hosts/local_host_directory.hpp"

#include <gtest/gtest.h>

#include "engine/testing/fake_runtime.hpp"

namespace rivetr::hosts {
namespace {

std::shared_ptr<engine::testing::FakeRuntime> fakeRuntime() {
    return std::make_shared<engine::testing::FakeRuntime>([] { return 0; });
}

TEST(LocalHostDirectoryTest, ResolvesTheLocalEngineByEmptyOrLocalIdAndReportsItsVersion) {
    auto fake = fakeRuntime();
    LocalHostDirectory dir([fake] { return fake; });
    EXPECT_EQ(dir.runtimeFor("").get(), fake.get());
    EXPECT_EQ(dir.runtimeFor("local").get(), fake.get());
    auto hosts = dir.hosts();
    ASSERT_EQ(hosts.size(), 1u);
    EXPECT_EQ(hosts[0].id, "local");
    EXPECT_TRUE(hosts[0].ok);
    EXPECT_EQ(hosts[0].engineVersion, "fake");
    EXPECT_TRUE(hosts[0].error.empty());
}

TEST(LocalHostDirectoryTest, AnUnknownHostIsNotFound) {
    LocalHostDirectory dir([] { return fakeRuntime(); });
    EXPECT_THROW(dir.runtimeFor("elsewhere"), HostNotFound);
}

TEST(LocalHostDirectoryTest, AnUnreachableEngineIsUnavailableAndShownDownSinceItWasLost) {
    std::shared_ptr<runtime::ContainerRuntime> current = fakeRuntime();
    LocalHostDirectory dir([&current] { return current; });
    ASSERT_TRUE(dir.hosts()[0].ok);
    current.reset();
    try {
        dir.runtimeFor("local");
        FAIL() << "expected DaemonUnavailable";
    } catch (const runtime::RuntimeError& e) {
        EXPECT_EQ(e.kind(), runtime::ErrorKind::DaemonUnavailable);
    }
    auto down = dir.hosts()[0];
    EXPECT_FALSE(down.ok);
    EXPECT_NE(down.error, "");
    EXPECT_GT(down.sinceMs, 0);
    EXPECT_EQ(dir.hosts()[0].sinceMs, down.sinceMs);  // unchanged while it stays down
}

}  // namespace
}  // namespace rivetr::hosts
