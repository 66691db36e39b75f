// Argon2id hashes: salted per hash, verified from the encoded cost, wrong passwords refused.
#include "store/password_hasher.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace rivetr::store {
namespace {

TEST(PasswordHasher, EncodedArgon2idWithItsOwnSalt) {
    PasswordHasher hasher({64, 1, 1});
    auto a = hasher.hash("correct horse");
    auto b = hasher.hash("correct horse");
    EXPECT_EQ(a.rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0u) << a;
    EXPECT_NE(a, b) << "two hashes of one password share a salt";
    EXPECT_EQ(a.find("correct horse"), std::string::npos);
    EXPECT_TRUE(hasher.verify("correct horse", a));
    EXPECT_FALSE(hasher.verify("correct horsE", a));
    EXPECT_FALSE(hasher.verify("", a));
}

TEST(PasswordHasher, VerifiesHashesMadeWithAnotherCost) {
    auto old = PasswordHasher({64, 1, 1}).hash("pw");
    EXPECT_TRUE(PasswordHasher({128, 2, 1}).verify("pw", old));
}

TEST(PasswordHasher, GarbageHashesAreRefusedNotThrown) {
    PasswordHasher hasher({64, 1, 1});
    EXPECT_FALSE(hasher.verify("pw", ""));
    EXPECT_FALSE(hasher.verify("pw", "$argon2id$v=19$m=64,t=1,p=1$nonsense"));
    EXPECT_FALSE(hasher.verify("pw", "$2b$12$bcrypt-style"));
}

// The default cost is what protects a stolen database: it must really cost memory and time.
TEST(PasswordHasher, DefaultCostIs64MiBAndThreePasses) {
    PasswordHasher hasher;
    auto started = std::chrono::steady_clock::now();
    auto h = hasher.hash("pw");
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(h.rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0), 0u) << h;
    EXPECT_GE(ms, 5) << "a 64 MiB hash took almost no time";
    std::cout << "argon2id m=64MiB t=3 p=1: " << ms << " ms per hash\n";
}

}  // namespace
}  // namespace rivetr::store
