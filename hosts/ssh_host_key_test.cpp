// Host keys: the fingerprint is ssh-keygen's own, the strongest scanned key is pinned, and known_hosts names the port.
#include "hosts/ssh_host_key.hpp"

#include <gtest/gtest.h>

#include "core/subprocess.hpp"
#include "hosts/ssh_tunnel.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::hosts {
namespace {

TEST(SshHostKeyTest, TheFingerprintIsTheOneSshKeygenPrints) {
    test::TempDir dir;
    const auto key = dir.path() / "k";
    ASSERT_EQ(run({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.string()}).exitCode, 0);
    auto parsed = parseHostKey(test::readFile(key.string() + ".pub"));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->type, "ssh-ed25519");
    auto printed = run({"ssh-keygen", "-l", "-E", "sha256", "-f", key.string() + ".pub"}).output;
    EXPECT_NE(printed.find(" " + parsed->fingerprint + " "), std::string::npos) << printed << " vs " << parsed->fingerprint;
}

TEST(SshHostKeyTest, TheStrongestScannedKeyIsChosenAndGarbageIsNot) {
    test::TempDir dir;
    std::string scan = "# 127.0.0.1:2222 SSH-2.0-OpenSSH_9.2\n";
    for (const char* type : {"rsa", "ed25519", "ecdsa"}) {
        const auto key = dir.path() / type;
        ASSERT_EQ(run({"ssh-keygen", "-q", "-t", type, "-N", "", "-f", key.string()}).exitCode, 0);
        scan += "[127.0.0.1]:2222 " + test::readFile(key.string() + ".pub");
    }
    auto chosen = chooseScannedKey(scan);
    ASSERT_TRUE(chosen);
    EXPECT_EQ(chosen->type, "ssh-ed25519");
    EXPECT_FALSE(chooseScannedKey("# only a comment\n"));
    EXPECT_FALSE(parseHostKey("ssh-ed25519 not*base64"));
    EXPECT_FALSE(parseHostKey("ssh-dss AAAAB3NzaC1kc3M"));
}

TEST(SshHostKeyTest, KnownHostsNamesANonDefaultPortInBrackets) {
    SshHostKey key{"ssh-ed25519", "AAAA", "SHA256:x"};
    EXPECT_EQ(knownHostsLine(parseSshAddress("u@10.0.0.1:2222"), key), "[10.0.0.1]:2222 ssh-ed25519 AAAA\n");
    EXPECT_EQ(knownHostsLine(parseSshAddress("u@build1"), key), "build1 ssh-ed25519 AAAA\n");
}

TEST(SshHostKeyTest, TheSshArgvPinsTheKeyAndEndsOptionsBeforeTheHost) {
    SshTarget t{parseSshAddress("deploy@build1:2222"), "/d/key", "/d/known_hosts", "ssh-ed25519", std::chrono::milliseconds(2500), "/run/h.ctl"};
    auto argv = sshDialArgv(t);
    auto has = [&](const std::string& s) { return std::find(argv.begin(), argv.end(), s) != argv.end(); };
    EXPECT_TRUE(has("StrictHostKeyChecking=yes"));
    EXPECT_TRUE(has("BatchMode=yes"));
    EXPECT_TRUE(has("UserKnownHostsFile=/d/known_hosts"));
    EXPECT_TRUE(has("HostKeyAlgorithms=ssh-ed25519"));
    EXPECT_TRUE(has("ConnectTimeout=3"));
    auto dashdash = std::find(argv.begin(), argv.end(), "--");
    ASSERT_NE(dashdash, argv.end());
    EXPECT_EQ(*(dashdash + 1), "build1");
    EXPECT_EQ(std::vector<std::string>(dashdash + 2, argv.end()), (std::vector<std::string>{"docker", "system", "dial-stdio"}));
}

}  // namespace
}  // namespace rivetr::hosts
