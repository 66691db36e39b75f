// Sessions: only the id's hash is stored; expiry, idle timeout, logout and deleted users end them.
#include "store/session_repository.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

class Sessions : public testing::UserStoreTest {
protected:
    SessionRepository sessions{*store, {10'000, 1'000}};
    std::string userId = users.create("hank", "password1", Role::developer).id;
};

TEST_F(Sessions, IdIsRandomAndOnlyItsHashIsStored) {
    auto s = sessions.create(userId, "10.0.0.1", "curl", 0);
    auto t = sessions.create(userId, "10.0.0.1", "curl", 0);
    EXPECT_EQ(crypto::base64UrlDecode(s.id)->size(), 32u);
    EXPECT_NE(s.id, t.id);
    EXPECT_NE(s.csrfToken, t.csrfToken);
    EXPECT_NE(s.csrfToken, s.id);
    auto stored = store->withDb([](Database& db) {
        auto st = db.prepare("SELECT id_hash FROM sessions ORDER BY rowid LIMIT 1");
        st.step();
        return st.getText(0);
    });
    EXPECT_EQ(stored, crypto::sha256Hex(s.id));
    auto who = sessions.authenticate(s.id, 10);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->username, "hank");
    EXPECT_EQ(who->role, Role::developer);
    EXPECT_EQ(who->csrfToken, s.csrfToken);
    EXPECT_FALSE(sessions.authenticate(stored, 10)) << "the stored hash works as a session id";
}

TEST_F(Sessions, IdleTimeoutAndAbsoluteExpiry) {
    auto s = sessions.create(userId, "", "", 0);
    EXPECT_TRUE(sessions.authenticate(s.id, 900));
    EXPECT_FALSE(sessions.authenticate(s.id, 1'000)) << "idle for the whole timeout (uses within a minute are not recorded)";
    // Uses a minute apart keep it alive... until the absolute lifetime ends.
    SessionRepository longIdle(*store, {200'000, 90'000});
    auto t = longIdle.create(userId, "", "", 0);
    for (std::int64_t now = 61'000; now < 200'000; now += 61'000) EXPECT_TRUE(longIdle.authenticate(t.id, now)) << now;
    EXPECT_FALSE(longIdle.authenticate(t.id, 200'000));
}

TEST_F(Sessions, RoleChangesCountAtOnce) {
    auto s = sessions.create(userId, "", "", 0);
    users.update(userId, {Role::viewer, std::nullopt, std::nullopt});
    EXPECT_EQ(sessions.authenticate(s.id, 1)->role, Role::viewer);
}

TEST_F(Sessions, LogoutDeletedUserAndPurge) {
    auto a = sessions.create(userId, "", "", 0);
    auto b = sessions.create(userId, "", "", 0);
    EXPECT_TRUE(sessions.remove(a.id));
    EXPECT_FALSE(sessions.remove(a.id));
    EXPECT_FALSE(sessions.authenticate(a.id, 1));
    EXPECT_TRUE(sessions.authenticate(b.id, 1));
    sessions.create(userId, "", "", 0);
    EXPECT_EQ(sessions.purgeExpired(20'000), 2);
    auto c = sessions.create(userId, "", "", 30'000);
    EXPECT_TRUE(users.remove(userId));
    EXPECT_FALSE(sessions.authenticate(c.id, 30'001));
    EXPECT_EQ(sessions.removeForUser(userId), 0);
}

}  // namespace
}  // namespace rivetr::store
