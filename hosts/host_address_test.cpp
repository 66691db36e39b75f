// Host input: names, tcp and ssh addresses parse as meant, and anything ssh could read as an option is refused.
#include "hosts/host_address.hpp"

#include <gtest/gtest.h>

namespace rivetr::hosts {
namespace {

std::string fieldOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const InvalidHostInput& e) {
        return e.field();
    }
    return "(accepted)";
}

TEST(HostAddressTest, TcpAddressesNeedHostAndPort) {
    auto a = parseTcpAddress("10.0.0.5:2376");
    EXPECT_EQ(a.host, "10.0.0.5");
    EXPECT_EQ(a.port, 2376);
    EXPECT_EQ(parseTcpAddress("[fd00::5]:2376").host, "fd00::5");
    EXPECT_EQ(parseTcpAddress("[fd00::5]:2376").authority(), "[fd00::5]:2376");
    for (const char* bad : {"10.0.0.5", "tcp://10.0.0.5:2376", "host:0", "host:70000", "host:23x", "-host:2376",
                            "ho st:2376", "host:2376/path", "[fd00::5", "[nothex]:1", ""})
        EXPECT_EQ(fieldOf([&] { parseTcpAddress(bad); }), "address") << bad;
}

TEST(HostAddressTest, SshAddressesHaveAUserAndDefaultToPort22) {
    auto a = parseSshAddress("deploy@build1.example.com");
    EXPECT_EQ(a.user, "deploy");
    EXPECT_EQ(a.host, "build1.example.com");
    EXPECT_EQ(a.port, 22);
    EXPECT_EQ(parseSshAddress("root@127.0.0.1:2222").port, 2222);
}

TEST(HostAddressTest, NothingSshCouldReadAsAnOptionOrACommandGetsThrough) {
    for (const char* bad : {"build1", "-oProxyCommand=touch@x", "user@-oProxyCommand=x", "us er@host", "user@host name",
                            "user@host;id", "user@$(id)", "user@host:22:1", "user@", "@host", "a@b@c", "user@host\n"})
        EXPECT_EQ(fieldOf([&] { parseSshAddress(bad); }), "address") << bad;
}

TEST(HostAddressTest, NamesAreLowerCaseLabelsAndLocalIsReserved) {
    EXPECT_EQ(fieldOf([] { validateHostName("build-1"); }), "(accepted)");
    for (const char* bad : {"", "Build", "-a", "a-", "a b", "local", "a_b"})
        EXPECT_EQ(fieldOf([&] { validateHostName(bad); }), "name") << bad;
}

}  // namespace
}  // namespace rivetr::hosts
