// Recovery codes: only hashes stored, each code good once and only for its user, regenerating
// voids the old ones, and turning the second factor off deletes them.
#include "store/recovery_code_repository.hpp"

#include <gtest/gtest.h>

#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

class RecoveryCodes : public testing::UserStoreTest {
protected:
    RecoveryCodeRepository codes{*store};

    std::vector<std::string> storedHashes() {
        return store->withDb([&](Database& db) {
            auto st = db.prepare("SELECT code_hash FROM user_recovery_codes ORDER BY code_hash");
            std::vector<std::string> out;
            while (st.step()) out.push_back(st.getText(0));
            return out;
        });
    }
};

const std::vector<std::string> kCodes{"aaaabbbbccccdddd", "eeeeffffgggghhhh", "jjjjkkkkmmmmnnnn"};

TEST_F(RecoveryCodes, StoredOnlyAsHashesAndEachIsGoodOnce) {
    auto ann = users.create("ann", "correct-horse", Role::viewer);
    codes.replace(ann.id, kCodes, 1000);
    EXPECT_EQ(codes.remaining(ann.id), 3);
    for (const auto& h : storedHashes()) {
        EXPECT_EQ(h.size(), 64u);
        for (const auto& c : kCodes) EXPECT_EQ(h.find(c), std::string::npos) << "a code was stored in plain text";
    }
    EXPECT_TRUE(codes.consume(ann.id, kCodes[1], 2000));
    EXPECT_FALSE(codes.consume(ann.id, kCodes[1], 2001)) << "a used code was accepted again";
    EXPECT_FALSE(codes.consume(ann.id, "zzzzzzzzzzzzzzzz", 2002));
    EXPECT_EQ(codes.remaining(ann.id), 2);

    auto bob = users.create("bob", "correct-horse", Role::viewer);
    EXPECT_FALSE(codes.consume(bob.id, kCodes[0], 2003)) << "ann's code worked for bob";
    EXPECT_EQ(codes.remaining(ann.id), 2);
}

TEST_F(RecoveryCodes, RegeneratingVoidsTheOldCodesAndDisablingTotpDeletesThem) {
    auto ann = users.create("ann", "correct-horse", Role::viewer);
    codes.replace(ann.id, kCodes, 1000);
    codes.replace(ann.id, {"pppp0000qqqq1111"}, 2000);
    EXPECT_FALSE(codes.consume(ann.id, kCodes[0], 3000)) << "a code from before the regeneration still works";
    EXPECT_EQ(codes.remaining(ann.id), 1);

    users.setPendingTotpSecret(ann.id, "JBSWY3DPEHPK3PXP");
    users.setTotpEnabled(ann.id, true);
    EXPECT_EQ(codes.remaining(ann.id), 1) << "turning TOTP on must not touch the codes";
    users.setTotpEnabled(ann.id, false);
    EXPECT_EQ(codes.remaining(ann.id), 0);
    EXPECT_TRUE(storedHashes().empty()) << "turning TOTP off left recovery codes behind";
    EXPECT_FALSE(codes.consume(ann.id, "pppp0000qqqq1111", 4000));
}

}  // namespace
}  // namespace rivetr::store
