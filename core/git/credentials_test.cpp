// Deploy-key checks (RSA refused with the reason), token users per provider, fingerprints, submodule URLs.
#include "core/git/credentials.hpp"

#include <gtest/gtest.h>

#include "core/git/remote_url.hpp"
#include "core/git/submodules.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::git {
namespace {

using rivetr::test::readFile;
using rivetr::test::TempDir;

std::string makeKey(const TempDir& tmp, const std::string& type, const std::vector<std::string>& extra = {}) {
    auto path = tmp / ("key_" + type);
    std::vector<std::string> argv{"ssh-keygen", "-q", "-t", type, "-N", "", "-f", path.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto r = run(argv);
    EXPECT_EQ(r.exitCode, 0) << r.output;
    return readFile(path);
}

GitAuth sshAuth(std::string key) {
    GitAuth a;
    a.kind = GitAuth::Kind::SshKey;
    a.privateKey = std::move(key);
    return a;
}

TEST(Credentials, KeyTypesAreReadFromRealKeys) {
    TempDir tmp;
    EXPECT_EQ(sshKeyType(makeKey(tmp, "ed25519")), SshKeyType::Ed25519);
    EXPECT_EQ(sshKeyType(makeKey(tmp, "ecdsa", {"-b", "256"})), SshKeyType::Ecdsa);
    EXPECT_EQ(sshKeyType(makeKey(tmp, "rsa", {"-b", "2048"})), SshKeyType::Rsa);
    EXPECT_EQ(sshKeyType("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"), SshKeyType::Rsa);
    EXPECT_EQ(sshKeyType("not a key"), SshKeyType::Unknown);
}

TEST(Credentials, RsaDeployKeyIsRefusedWithTheReason) {
    TempDir tmp;
    EXPECT_NO_THROW(validateAuth(sshAuth(makeKey(tmp, "ed25519"))));
    try {
        validateAuth(sshAuth(makeKey(tmp, "rsa", {"-b", "2048"})));
        FAIL() << "an RSA key must be refused";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.kind(), SourceErrorKind::UnsupportedKey);
        std::string m = e.what();
        EXPECT_NE(m.find("SHA-1"), std::string::npos) << m;
        EXPECT_NE(m.find("rsa-sha2"), std::string::npos) << m;
        EXPECT_NE(m.find("ed25519"), std::string::npos) << m;
    }
    try {
        validateAuth(sshAuth("garbage"));
        FAIL();
    } catch (const SourceError& e) {
        EXPECT_EQ(e.kind(), SourceErrorKind::InvalidInput);
    }
}

TEST(Credentials, TokenUsersFollowEachProvider) {
    EXPECT_EQ(tokenAuth(GitProvider::GitHub, "t").username, "x-access-token");
    EXPECT_EQ(tokenAuth(GitProvider::GitLab, "t").username, "oauth2");
    EXPECT_EQ(tokenAuth(GitProvider::Gitea, "t", "alice").username, "alice");
    EXPECT_EQ(tokenAuth(GitProvider::Bitbucket, "t", "bob").username, "bob");
    EXPECT_THROW(validateAuth(tokenAuth(GitProvider::Gitea, "t")), SourceError) << "Gitea needs the user";
}

TEST(Credentials, FingerprintMatchesOpenSshFormat) {
    // ssh-keygen -lf prints SHA256:<base64 without padding> of the key blob's SHA-256.
    unsigned char zeros[32] = {};
    EXPECT_EQ(sshFingerprint(zeros), "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    unsigned char ff[32];
    std::fill(std::begin(ff), std::end(ff), 0xff);
    EXPECT_EQ(sshFingerprint(ff), "SHA256://////////////////////////////////////////8");
}

TEST(Submodules, RelativeUrlsResolveAgainstTheSuperproject) {
    EXPECT_EQ(resolveSubmoduleUrl("https://git.example.com/team/app.git", "../lib.git"),
              "https://git.example.com/team/lib.git");
    EXPECT_EQ(resolveSubmoduleUrl("https://git.example.com/team/app/", "./sub"), "https://git.example.com/team/app/sub");
    EXPECT_EQ(resolveSubmoduleUrl("x", "https://other/repo.git"), "https://other/repo.git");
}

}  // namespace
}  // namespace rivetr::git

namespace rivetr::git {
namespace {

TEST(UrlHost, IsTheHostCredentialsAreBoundTo) {
    EXPECT_EQ(urlHost("https://github.com/org/app.git"), "github.com");
    EXPECT_EQ(urlHost("https://x-access-token@gitea.example:3000/org/app"), "gitea.example");
    EXPECT_EQ(urlHost("ssh://git@gitlab.example:2222/org/app.git"), "gitlab.example");
    EXPECT_EQ(urlHost("git@github.com:org/app.git"), "github.com");
    EXPECT_EQ(urlHost("http://[::1]:8080/app"), "::1");
    EXPECT_EQ(urlHost("file:///srv/git/app"), "");
}

TEST(RemoteUrl, LocalRepositoriesOnlyWhenAllowed) {
    for (std::string ok : {"https://github.com/o/a.git", "http://gitea.lan:3000/o/a", "ssh://git@h:22/o/a.git",
                           "git@github.com:o/a.git"})
        EXPECT_NO_THROW(checkRemoteUrl(ok, false)) << ok;
    for (std::string local : {"file:///var/lib/rivetr/git/app_other.git", "/var/lib/rivetr/git/app_other.git"}) {
        EXPECT_THROW(checkRemoteUrl(local, false), SourceError) << local;
        EXPECT_NO_THROW(checkRemoteUrl(local, true)) << local;
    }
    for (std::string bad : {"--upload-pack=touch /tmp/x", "ftp://h/x", "https://h/x y", "ext::sh -c id"})
        EXPECT_THROW(checkRemoteUrl(bad, true), SourceError) << bad;
}

// Harmless with libgit2, dangerous the day anything hands the URL to ssh or git: refused outright.
TEST(RemoteUrl, RefusesOptionLikeHostsAndUsersAndNonRfc3986Characters) {
    for (std::string bad : {"ssh://-oProxyCommand=touch%20x/a", "ssh://git@-oProxyCommand=x/a",
                            "https://-oProxyCommand=x/a.git", "git@-oProxyCommand=x:a.git", "-x@h:a.git",
                            "ssh://-l@h/a", "https://h/a\\b", "https://h/\xc3\xa9", "https://h/a{b}", "https://h/a\"b",
                            "https://h:port/a", "https://h/a#frag"})
        EXPECT_THROW(checkRemoteUrl(bad, true), SourceError) << bad;
    for (std::string ok : {"https://h.example/o/r%20x.git", "https://x-access-token@h/o/r", "http://[::1]:8080/r",
                           "ssh://git@h_1:22/~user/r.git", "git@h.example:o/r.git"})
        EXPECT_NO_THROW(checkRemoteUrl(ok, false)) << ok;
}

}  // namespace
}  // namespace rivetr::git
