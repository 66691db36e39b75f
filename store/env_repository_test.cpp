// Env vars: encrypted at rest, bound to their row, bulk replace is all-or-nothing.
#include "store/env_repository.hpp"

#include <gtest/gtest.h>

#include "store/app_repository.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::store {
namespace {

struct EnvFixture : ::testing::Test {
    test::TempDir dir;
    std::unique_ptr<Store> store = Store::open(dir.path());
    SecretBox box{*crypto::keyFromHex(std::string(64, 'b'))};
    EnvRepository env{*store, box};
    void SetUp() override {
        AppRepository apps(*store, box);
        AppRecord a;
        a.id = "app_1";
        a.name = "web";
        a.gitUrl = "file:///x";
        apps.create(a);
    }
};

TEST_F(EnvFixture, ValuesAreEncryptedAtRest) {
    env.set("app_1", {"DB_PASSWORD", "hunter2-secret", true, false});
    auto raw = store->withDb([](Database& db) {
        auto st = db.prepare("SELECT value_enc FROM env_vars");
        st.step();
        auto b = st.getBlob(0);
        return std::string(b.begin(), b.end());
    });
    EXPECT_EQ(raw.find("hunter2"), std::string::npos);
    auto vars = env.list("app_1");
    ASSERT_EQ(vars.size(), 1u);
    EXPECT_EQ(vars[0].value, "hunter2-secret");
    EXPECT_TRUE(vars[0].secret);
}

TEST_F(EnvFixture, CiphertextMovedToAnotherKeyDoesNotDecrypt) {
    env.set("app_1", {"A", "secret-a"});
    env.set("app_1", {"B", "public-b"});
    store->withDb([](Database& db) {
        db.exec("UPDATE env_vars SET value_enc = (SELECT value_enc FROM env_vars WHERE key='A') WHERE key='B'");
    });
    EXPECT_THROW(env.list("app_1"), std::runtime_error);
}

TEST_F(EnvFixture, ReplaceAllSetsExactlyTheGivenVariables) {
    env.set("app_1", {"OLD", "1"});
    env.replaceAll("app_1", {{"A", "1", false, true}, {"B", "2"}});
    auto vars = env.list("app_1");
    ASSERT_EQ(vars.size(), 2u);
    EXPECT_EQ(vars[0].key, "A");
    EXPECT_TRUE(vars[0].buildTime);
    EXPECT_TRUE(env.remove("app_1", "A"));
    EXPECT_FALSE(env.remove("app_1", "A"));
}

}  // namespace
}  // namespace rivetr::store
