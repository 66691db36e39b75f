// Remote hosts in the store: unique names, write-only sealed credentials, and a pin that follows the address.
#include "store/host_repository.hpp"

#include <gtest/gtest.h>

#include "store/conflict_error.hpp"
#include "store/plaintext_scan.hpp"
#include "store/testing/store_fixture.hpp"

namespace rivetr::store {
namespace {

const std::string kKeyPem = "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret-ssh-key-material\n-----END OPENSSH PRIVATE KEY-----\n";
const std::string kTlsKeyPem = "-----BEGIN PRIVATE KEY-----\nsecret-tls-key-material\n-----END PRIVATE KEY-----\n";

struct Hosts : testing::StoreTest {
    HostRepository hosts{*store, testing::testSecretBox()};

    HostRecord sshHost(const std::string& id, const std::string& name) {
        return hosts.create({id, name, "ssh", "deploy@build1.example.com:2222", "", "", false, false, false, false, 0, 0, "usr_admin"},
                            {std::nullopt, std::nullopt, std::nullopt, kKeyPem});
    }
};

TEST_F(Hosts, CreateListsTheHostWithWhichCredentialsAreStoredButNotThemselves) {
    auto created = sshHost("hst_1", "build1");
    EXPECT_EQ(created.name, "build1");
    EXPECT_EQ(created.kind, "ssh");
    EXPECT_EQ(created.address, "deploy@build1.example.com:2222");
    EXPECT_EQ(created.createdBy, "usr_admin");
    EXPECT_GT(created.createdAt, 0);
    EXPECT_TRUE(created.hasSshKey);
    EXPECT_FALSE(created.hasTlsKey);
    auto all = hosts.list();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].id, "hst_1");
    EXPECT_EQ(hosts.secrets("hst_1").sshKey, kKeyPem);
    EXPECT_FALSE(hosts.secrets("hst_1").tlsCa.has_value());
}

TEST_F(Hosts, ANameIsTakenCaseInsensitivelyAndTheRefusalStoresNothing) {
    sshHost("hst_1", "build1");
    try {
        sshHost("hst_2", "BUILD1");
        FAIL() << "a second host took the name";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.field(), "name");
    }
    EXPECT_EQ(hosts.list().size(), 1u);
    EXPECT_FALSE(hosts.find("hst_2"));
}

TEST_F(Hosts, CredentialsAreSealedInTheDatabaseAndItsFiles) {
    hosts.create({"hst_t", "tls1", "tcp", "10.0.0.5:2376", "", "", false, false, false, false, 0, 0, "usr_admin"},
                 {"-----BEGIN CERTIFICATE-----\nca-cert-body\n", "-----BEGIN CERTIFICATE-----\nclient-cert-body\n", kTlsKeyPem,
                  std::nullopt});
    sshHost("hst_s", "ssh1");
    store->withDb([](Database& db) {
        for (const char* clear : {"secret-ssh-key-material", "secret-tls-key-material", "ca-cert-body", "client-cert-body"})
            EXPECT_FALSE(anyCellContains(db, clear)) << clear << " is stored in clear";
    });
    for (const char* file : {"rivetr.db", "rivetr.db-wal"}) {
        auto path = dir.path() / file;
        if (!std::filesystem::exists(path)) continue;
        auto bytes = test::readFile(path);
        EXPECT_EQ(bytes.find("secret-ssh-key-material"), std::string::npos) << file;
        EXPECT_EQ(bytes.find("secret-tls-key-material"), std::string::npos) << file;
    }
    EXPECT_EQ(hosts.secrets("hst_t").tlsKey, kTlsKeyPem);
}

TEST_F(Hosts, ACiphertextCopiedToAnotherHostDoesNotDecrypt) {
    sshHost("hst_1", "build1");
    sshHost("hst_2", "build2");
    store->withDb([](Database& db) {
        db.exec("UPDATE hosts SET ssh_key_enc = (SELECT ssh_key_enc FROM hosts WHERE id = 'hst_1') WHERE id = 'hst_2'");
    });
    EXPECT_THROW(hosts.secrets("hst_2"), std::runtime_error);
}

TEST_F(Hosts, UpdateKeepsUngivenSecretsAndANewAddressUnpinsTheHostKey) {
    sshHost("hst_1", "build1");
    hosts.pinHostKey("hst_1", "ssh-ed25519 AAAAC3Nz", "SHA256:abc");
    auto renamed = hosts.update("hst_1", "builder", "deploy@build1.example.com:2222", {});
    ASSERT_TRUE(renamed);
    EXPECT_EQ(renamed->name, "builder");
    EXPECT_EQ(renamed->sshHostKeyFingerprint, "SHA256:abc") << "same address keeps the pin";
    EXPECT_EQ(hosts.secrets("hst_1").sshKey, kKeyPem);

    auto moved = hosts.update("hst_1", "builder", "deploy@build2.example.com", {std::nullopt, std::nullopt, std::nullopt, "new-key"});
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->sshHostKey, "");
    EXPECT_EQ(moved->sshHostKeyFingerprint, "");
    EXPECT_EQ(hosts.secrets("hst_1").sshKey, "new-key");
    EXPECT_FALSE(hosts.update("hst_none", "x", "y", {}));
}

TEST_F(Hosts, RemoveDeletesTheRowAndItsSecrets) {
    sshHost("hst_1", "build1");
    EXPECT_TRUE(hosts.remove("hst_1"));
    EXPECT_FALSE(hosts.remove("hst_1"));
    EXPECT_TRUE(hosts.list().empty());
    EXPECT_FALSE(hosts.secrets("hst_1").sshKey.has_value());
}

}  // namespace
}  // namespace rivetr::store
