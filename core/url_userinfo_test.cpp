// Credentials leave git URLs before they are stored, and no text that quotes a URL shows them.
#include "core/url_userinfo.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rivetr {
namespace {

// A user and password come off an https URL, and so does a token given as the user name: it is secret too.
TEST(UrlUserinfo, SplitsHttpsUserinfoOff) {
    struct Case {
        std::string url, stripped;
        UrlCredential credential;
    };
    const std::vector<Case> cases{
        {"https://deploy:s3cr%40t@git.example.com:8443/o/r.git", "https://git.example.com:8443/o/r.git", {"deploy", "s3cr@t"}},
        {"https://ghp_abc@github.com/o/r.git", "https://github.com/o/r.git", {"ghp_abc", ""}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.url);
        auto s = splitUrlCredential(c.url);
        EXPECT_EQ(s.url, c.stripped);
        EXPECT_EQ(s.credential, c.credential);
    }
}

TEST(UrlUserinfo, SshKeepsItsLoginAndLosesOnlyAPassword) {
    EXPECT_EQ(splitUrlCredential("ssh://git@host/o/r.git").url, "ssh://git@host/o/r.git");
    EXPECT_FALSE(splitUrlCredential("ssh://git@host/o/r.git").credential);
    auto s = splitUrlCredential("ssh://alice:pw@host:2222/r.git");
    EXPECT_EQ(s.url, "ssh://alice@host:2222/r.git");
    EXPECT_EQ(s.credential, (UrlCredential{"alice", "pw"}));
    EXPECT_EQ(splitUrlCredential("git@github.com:o/r.git").url, "git@github.com:o/r.git");
}

TEST(UrlUserinfo, LeavesUrlsWithoutUserinfoAlone) {
    for (const char* u : {"https://host/o/r.git", "https://host/a@b", "file:///srv/r.git", "http://h:80"}) {
        auto s = splitUrlCredential(u);
        EXPECT_EQ(s.url, u);
        EXPECT_FALSE(s.credential) << u;
    }
}

TEST(UrlUserinfo, UserinfoRoundTripsThroughItsStoredForm) {
    UrlCredential c{"us:er@x", "p@ss:w/rd %"};
    EXPECT_EQ(parseUserinfo(formatUserinfo(c)), c);
    EXPECT_EQ(formatUserinfo({"a", ""}), "a:");
    EXPECT_EQ(parseUserinfo("tok"), (UrlCredential{"tok", ""}));
}

TEST(UrlUserinfo, RedactsEveryUrlInFreeText) {
    EXPECT_EQ(redactUrlCredentials("cannot reach https://deploy:pw@h/o.git: 401; retry http://tok@x:1/y"),
              "cannot reach https://***@h/o.git: 401; retry http://***@x:1/y");
    EXPECT_EQ(redactUrlCredentials("'ssh://a:pw@h/r' and ssh://git@h/r"), "'ssh://***@h/r' and ssh://git@h/r");
    EXPECT_EQ(redactUrlCredentials("https://h/a@b and plain text"), "https://h/a@b and plain text");
    EXPECT_EQ(redactUrlCredentials("no url here"), "no url here");
    EXPECT_EQ(redactUrlCredentials("https://u:p@h"), "https://***@h");
}

}  // namespace
}  // namespace rivetr
