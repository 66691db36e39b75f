// API tokens: only the hash is stored; expired and revoked tokens stop authenticating.
#include "store/token_repository.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

struct Tokens : testing::StoreTest {
    TokenRepository tokens{*store};
};

TEST_F(Tokens, AuthenticatesByHashOnly) {
    auto created = tokens.create("ci", Role::developer, std::nullopt);
    EXPECT_EQ(created.token.rfind("rvt_", 0), 0u);
    auto stored = store->withDb([](Database& db) {
        auto st = db.prepare("SELECT token_hash FROM api_tokens");
        st.step();
        return st.getText(0);
    });
    EXPECT_NE(stored, created.token);
    auto who = tokens.authenticate(created.token, nowMs());
    ASSERT_TRUE(who);
    EXPECT_EQ(who->name, "ci");
    EXPECT_EQ(who->role, Role::developer);
    EXPECT_TRUE(tokens.list()[0].lastUsedAt);
    EXPECT_FALSE(tokens.authenticate(created.token + "x", nowMs()));
}

TEST_F(Tokens, ExpiredAndRevokedTokensAreRefused) {
    auto now = nowMs();
    auto expiring = tokens.create("short", Role::viewer, now + 1000);
    EXPECT_TRUE(tokens.authenticate(expiring.token, now));
    EXPECT_FALSE(tokens.authenticate(expiring.token, now + 1000));
    auto revoked = tokens.create("gone", Role::admin, std::nullopt);
    EXPECT_TRUE(tokens.revoke(revoked.record.id, now));
    EXPECT_FALSE(tokens.revoke(revoked.record.id, now));
    EXPECT_FALSE(tokens.authenticate(revoked.token, now));
}

}  // namespace
}  // namespace rivetr::store
