// Instance secrets: generated once with mode 0600, reused after, and never silently replaced.
#include "core/secrets.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

unsigned mode(const std::filesystem::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

TEST(Secrets, GeneratedOnFirstStartWithMode0600ThenReused) {
    test::TempDir dir;
    Config cfg;
    cfg.server.data_dir = (dir.path() / "data").string();
    auto first = loadOrCreateSecrets(cfg);
    EXPECT_TRUE(first.adminTokenCreated);
    EXPECT_EQ(first.adminToken.rfind("rvt_", 0), 0u);
    EXPECT_EQ(mode(dir.path() / "data" / "secret.key"), 0600u);
    EXPECT_EQ(mode(dir.path() / "data" / "admin_token"), 0600u);
    EXPECT_EQ(mode(dir.path() / "data"), 0700u);

    auto second = loadOrCreateSecrets(cfg);
    EXPECT_FALSE(second.adminTokenCreated);
    EXPECT_EQ(second.adminToken, first.adminToken);
    EXPECT_EQ(second.encryptionKey, first.encryptionKey);
}

TEST(Secrets, ConfiguredValuesWinAndNothingIsWritten) {
    test::TempDir dir;
    Config cfg;
    cfg.server.data_dir = dir.path().string();
    cfg.auth.admin_token = "configured-token-of-enough-length";
    cfg.auth.encryption_key = std::string(64, 'c');
    auto s = loadOrCreateSecrets(cfg);
    EXPECT_EQ(s.adminToken, cfg.auth.admin_token);
    EXPECT_FALSE(s.adminTokenCreated);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "secret.key"));
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "admin_token"));
}

TEST(Secrets, CorruptKeyFileRefusesToStartInsteadOfReplacingIt) {
    test::TempDir dir;
    Config cfg;
    cfg.server.data_dir = dir.path().string();
    test::writeFile(dir.path() / "secret.key", "not-a-key\n");
    try {
        loadOrCreateSecrets(cfg);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("secret.key is corrupt"), std::string::npos);
    }
    EXPECT_EQ(test::readFile(dir.path() / "secret.key"), "not-a-key\n");
}

TEST(Secrets, LooseModeIsTightened) {
    test::TempDir dir;
    Config cfg;
    cfg.server.data_dir = dir.path().string();
    loadOrCreateSecrets(cfg);
    ::chmod((dir.path() / "admin_token").c_str(), 0644);
    loadOrCreateSecrets(cfg);
    EXPECT_EQ(mode(dir.path() / "admin_token"), 0600u);
}

TEST(Secrets, WriteOnceKeepsTheFirstWriter) {
    test::TempDir dir;
    EXPECT_TRUE(writeSecretFileOnce(dir.path() / "k", "one"));
    EXPECT_FALSE(writeSecretFileOnce(dir.path() / "k", "two"));
    EXPECT_EQ(test::readFile(dir.path() / "k"), "one");
}

}  // namespace
}  // namespace rivetr
