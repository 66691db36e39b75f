// Users: hashed passwords, disabled users refused, the last enabled admin kept, TOTP state and replay guard,
// and the API tokens a user owns ending (or changing hands) with the user.
#include "store/user_repository.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "store/conflict_error.hpp"
#include "store/session_repository.hpp"
#include "store/testing/store_fixture.hpp"
#include "store/token_repository.hpp"

namespace rivetr::store {
namespace {

class Users : public testing::UserStoreTest {
protected:
    SessionRepository sessions{*store};
    TokenRepository tokens{*store};

    std::string column(const std::string& sql) {
        return store->withDb([&](Database& db) {
            auto st = db.prepare(sql);
            st.step();
            return st.isNull(0) ? std::string("NULL") : st.getText(0);
        });
    }
};

TEST_F(Users, PasswordIsStoredOnlyAsArgon2idHash) {
    auto u = users.create("alice", "s3cret-pass", Role::developer);
    auto stored = column("SELECT password_hash FROM users");
    EXPECT_EQ(stored.rfind("$argon2id$", 0), 0u);
    EXPECT_EQ(stored.find("s3cret-pass"), std::string::npos);
    auto ok = users.checkPassword("ALICE", "s3cret-pass");
    ASSERT_TRUE(ok) << "user names compare case-insensitively";
    EXPECT_EQ(ok->id, u.id);
    EXPECT_EQ(ok->role, Role::developer);
    EXPECT_FALSE(users.checkPassword("alice", "wrong"));
    EXPECT_FALSE(users.checkPassword("nobody", "s3cret-pass"));
}

TEST_F(Users, DuplicateNameIsAConflictOnUsername) {
    users.create("bob", "password1", Role::viewer);
    try {
        users.create("Bob", "password2", Role::viewer);
        FAIL() << "a duplicate name was accepted";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.field(), "username");
    }
    EXPECT_EQ(users.list().size(), 1u);
}

TEST_F(Users, DisabledUserCannotLogInAndLosesSessions) {
    auto u = users.create("carol", "password1", Role::developer);
    users.create("root", "password1", Role::admin);
    auto s = sessions.create(u.id, "1.2.3.4", "ua", nowMs());
    ASSERT_TRUE(sessions.authenticate(s.id, nowMs()));
    ASSERT_TRUE(users.update(u.id, {std::nullopt, std::nullopt, true}));
    EXPECT_FALSE(users.checkPassword("carol", "password1"));
    EXPECT_FALSE(sessions.authenticate(s.id, nowMs()));
    EXPECT_TRUE(users.get(u.id)->disabled);
}

TEST_F(Users, NewPasswordReplacesOldAndEndsSessions) {
    auto u = users.create("dave", "password1", Role::viewer);
    auto s = sessions.create(u.id, "", "", nowMs());
    users.update(u.id, {std::nullopt, std::string("password2"), std::nullopt});
    EXPECT_FALSE(users.checkPassword("dave", "password1"));
    EXPECT_TRUE(users.checkPassword("dave", "password2"));
    EXPECT_FALSE(sessions.authenticate(s.id, nowMs()));
}

TEST_F(Users, LastEnabledAdminCannotBeDemotedDisabledOrDeleted) {
    auto a = users.create("admin1", "password1", Role::admin);
    auto expectConflict = [&](auto fn) {
        EXPECT_THROW(fn(), ConflictError);
        EXPECT_EQ(users.get(a.id)->role, Role::admin);
        EXPECT_FALSE(users.get(a.id)->disabled);
    };
    expectConflict([&] { users.update(a.id, {Role::developer, std::nullopt, std::nullopt}); });
    expectConflict([&] { users.update(a.id, {std::nullopt, std::nullopt, true}); });
    expectConflict([&] { users.remove(a.id); });
    // A disabled admin does not count as the spare one.
    auto b = users.create("admin2", "password1", Role::admin);
    users.update(b.id, {std::nullopt, std::nullopt, true});
    expectConflict([&] { users.remove(a.id); });
    users.update(b.id, {std::nullopt, std::nullopt, false});
    EXPECT_TRUE(users.remove(a.id));
    EXPECT_FALSE(users.remove(a.id));
    EXPECT_FALSE(users.update("usr_missing", {Role::viewer, std::nullopt, std::nullopt}));
}

TEST_F(Users, TotpSecretIsEncryptedAndStepsAreUsedOnce) {
    auto u = users.create("erin", "password1", Role::viewer);
    users.setPendingTotpSecret(u.id, "JBSWY3DPEHPK3PXP");
    EXPECT_EQ(column("SELECT hex(totp_secret_enc) FROM users").find("JBSWY3DP"), std::string::npos);
    EXPECT_EQ(users.totpSecret(u.id), "JBSWY3DPEHPK3PXP");
    EXPECT_FALSE(users.get(u.id)->totpEnabled) << "a pending secret counted before it was confirmed";
    users.setTotpEnabled(u.id, true);
    EXPECT_TRUE(users.get(u.id)->totpEnabled);
    users.setPendingTotpSecret(u.id, "AAAAAAAAAAAAAAAA");
    EXPECT_EQ(users.totpSecret(u.id), "JBSWY3DPEHPK3PXP") << "setup replaced an enabled secret";

    EXPECT_TRUE(users.consumeTotpStep(u.id, 1000));
    EXPECT_FALSE(users.consumeTotpStep(u.id, 1000)) << "a code was accepted twice";
    EXPECT_FALSE(users.consumeTotpStep(u.id, 999)) << "an older code was accepted after a newer one";
    EXPECT_TRUE(users.consumeTotpStep(u.id, 1001));

    users.setTotpEnabled(u.id, false);
    EXPECT_FALSE(users.get(u.id)->totpEnabled);
    EXPECT_FALSE(users.totpSecret(u.id));
}

TEST_F(Users, SecretFromAnotherRowDoesNotDecrypt) {
    auto a = users.create("fay", "password1", Role::viewer);
    auto b = users.create("gus", "password1", Role::viewer);
    users.setPendingTotpSecret(a.id, "JBSWY3DPEHPK3PXP");
    store->withDb([&](Database& db) {
        db.prepare("UPDATE users SET totp_secret_enc = (SELECT totp_secret_enc FROM users WHERE id = ?) WHERE id = ?")
            .bind(1, a.id)
            .bind(2, b.id)
            .exec();
    });
    EXPECT_THROW(users.totpSecret(b.id), std::runtime_error);
}

TEST_F(Users, DisablingOrDeletingAUserEndsTheTokensTheyOwn) {
    auto now = nowMs();
    auto ann = users.create("ann", "password1", Role::admin);
    auto bob = users.create("bob", "password1", Role::admin);
    users.create("cat", "password1", Role::admin);  // the last admin stays
    auto annsToken = tokens.create("ann-ci", Role::admin, std::nullopt, {ann.id});
    auto rootToken = tokens.create("root-ci", Role::admin, std::nullopt);
    // Both are made in the same millisecond: the list's order between them is the ids', so find by name.
    auto listed = [&](const std::string& name) {
        for (const auto& t : tokens.list()) {
            if (t.name == name) return t;
        }
        ADD_FAILURE() << name << " is not listed";
        return decltype(tokens.list())::value_type{};
    };
    EXPECT_EQ(listed("ann-ci").ownerName, "ann");
    EXPECT_EQ(listed("ann-ci").ownerType, "user");
    EXPECT_EQ(listed("root-ci").ownerType, "admin_token");
    EXPECT_FALSE(listed("root-ci").userId);

    // A demoted owner's token is demoted too.
    users.update(ann.id, {Role::viewer, std::nullopt, std::nullopt});
    EXPECT_EQ(tokens.authenticate(annsToken.token, now)->role, Role::viewer);

    TokenHandover handed;
    users.update(ann.id, {std::nullopt, std::nullopt, true}, &handed);
    EXPECT_EQ(handed.revoked, 1);
    EXPECT_FALSE(tokens.authenticate(annsToken.token, now)) << "a disabled user's token still authenticates";
    users.update(ann.id, {std::nullopt, std::nullopt, false});
    EXPECT_FALSE(tokens.authenticate(annsToken.token, now)) << "re-enabling the user revived a revoked token";
    EXPECT_TRUE(tokens.authenticate(rootToken.token, now));

    auto second = tokens.create("ann-deploy", Role::developer, std::nullopt, {ann.id});
    ASSERT_TRUE(users.remove(ann.id, bob.id, &handed));
    EXPECT_EQ(handed.transferred, 1);
    auto moved = tokens.authenticate(second.token, now);
    ASSERT_TRUE(moved) << "a handed-over token stopped working";
    EXPECT_EQ(moved->userId, bob.id);
    EXPECT_EQ(moved->ownerName, "bob");

    ASSERT_TRUE(users.remove(bob.id, std::nullopt, &handed));
    EXPECT_EQ(handed.revoked, 1);
    EXPECT_FALSE(tokens.authenticate(second.token, now)) << "a deleted user's token still authenticates";
}

}  // namespace
}  // namespace rivetr::store
