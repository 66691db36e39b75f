// Env vars: encrypted at rest, bound to their row, bulk replace is all-or-nothing.
#include "store/env_repository.hpp"

#include <gtest/gtest.h>

#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

struct EnvFixture : testing::AppStoreTest {
    EnvRepository env{*store, box};
    void SetUp() override { createApp("app_1", "web"); }
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

// The digest the API compares to say "changed since the live deployment started": values and keys
// count, order and flags do not, and it is keyed (another key, another digest; no value in it).
TEST_F(EnvFixture, DigestFollowsKeysAndValuesOnlyAndIsKeyed) {
    std::vector<EnvVar> a{{"A", "1"}, {"B", "hunter2"}};
    auto d = env.digest("app_1", a);
    EXPECT_EQ(d.size(), 64u);
    EXPECT_EQ(d.find("hunter2"), std::string::npos);
    EXPECT_EQ(env.digest("app_1", {{"B", "hunter2", true, true}, {"A", "1"}}), d) << "order or flags changed it";
    EXPECT_NE(env.digest("app_1", {{"A", "1"}, {"B", "hunter3"}}), d);
    EXPECT_NE(env.digest("app_1", {{"A", "1"}}), d) << "a removed variable went unnoticed";
    EXPECT_NE(env.digest("app_1", {{"A", "1B"}, {"", "hunter2"}}), d);
    EXPECT_NE(env.digest("app_2", a), d) << "the digest is not bound to its app";
    SecretBox other{*crypto::keyFromHex(std::string(64, 'e'))};
    EXPECT_NE(EnvRepository(*store, other).digest("app_1", a), d) << "the digest is not keyed";
}

}  // namespace
}  // namespace rivetr::store
