// Per-account back-off for wrong second-factor codes: free typos, doubling locks, a cap, a reset on
// success and a count forgotten after a quiet day.
#include "api/auth/account_lockout.hpp"

#include <gtest/gtest.h>

namespace rivetr::api {
namespace {

using std::chrono::seconds;

TEST(AccountLockout, TyposAreFreeThenLocksDoubleUpToTheCap) {
    AccountLockout l({3, seconds(30), seconds(100), seconds(86400)});
    RateClock::time_point t{};
    for (int i = 0; i < 2; ++i) EXPECT_FALSE(l.recordFailure("ann", t)) << i;
    EXPECT_FALSE(l.locked("ann", t));
    EXPECT_EQ(l.recordFailure("ann", t), seconds(30));
    EXPECT_EQ(l.locked("ann", t), seconds(30));
    EXPECT_EQ(l.locked("ann", t + seconds(29)), seconds(1));
    EXPECT_FALSE(l.locked("bob", t)) << "another account shares the lock";
    EXPECT_FALSE(l.locked("ann", t + seconds(30)));
    EXPECT_EQ(l.recordFailure("ann", t + seconds(30)), seconds(60));
    EXPECT_EQ(l.recordFailure("ann", t + seconds(90)), seconds(100)) << "past the cap";
    for (int i = 0; i < 100; ++i) l.recordFailure("ann", t + seconds(200));
    EXPECT_EQ(l.locked("ann", t + seconds(200)), seconds(100)) << "a long attack overflowed the back-off";
}

TEST(AccountLockout, ARightCodeOrAQuietDayStartsAfresh) {
    AccountLockout l({2, seconds(30), seconds(3600), seconds(86400)});
    RateClock::time_point t{};
    l.recordFailure("ann", t);
    l.recordSuccess("ann");
    EXPECT_FALSE(l.recordFailure("ann", t)) << "a success did not reset the count";
    EXPECT_EQ(l.recordFailure("ann", t), seconds(30));
    auto later = t + seconds(86400 + 31);
    l.recordFailure("bob", later);  // any failure sweeps stale accounts
    EXPECT_FALSE(l.recordFailure("ann", later)) << "a day-old count still counted";
}

}  // namespace
}  // namespace rivetr::api
