// Route lookup and the snapshot builder: what a user sees as "which app answers this host".
#include <gtest/gtest.h>

#include "proxy/route_builder.hpp"
#include "proxy/route_table.hpp"

namespace rivetr::proxy {
namespace {

std::shared_ptr<const Routes> build(const DesiredRoutes& d) { return buildRoutes(d, {}).routes; }

DesiredRoutes sample() {
    DesiredRoutes d;
    d.apps["web"] = AppRoute{"web", {"App.Example.com", "*.example.com"}, {{"127.0.0.1", 9001}}, {}, false};
    d.apps["api"] = AppRoute{"api", {"api.example.com", "*.deep.example.com"}, {{"127.0.0.1", 9002}}, {}, false};
    d.externals["ext.example.org"] = ExternalRoute{"ext.example.org", {"10.0.0.1", 80}, false};
    return d;
}

TEST(RouteTable, ExactHostCaseInsensitiveAndPortStripped) {
    auto r = build(sample());
    ASSERT_NE(r->find("app.example.com"), nullptr);
    EXPECT_EQ(r->find("APP.EXAMPLE.COM:8080")->name, "web");
    EXPECT_EQ(r->find("api.example.com")->name, "api");
    EXPECT_EQ(r->find("ext.example.org")->name, "external:ext.example.org");
}

TEST(RouteTable, WildcardMatchesMostSpecificSuffix) {
    auto r = build(sample());
    EXPECT_EQ(r->find("anything.example.com")->name, "web");
    EXPECT_EQ(r->find("x.deep.example.com")->name, "api");
    EXPECT_EQ(r->find("example.com"), nullptr);  // a wildcard needs a label in front
    EXPECT_EQ(r->find("unknown.org"), nullptr);
}

TEST(RouteTable, MalformedHostsFindNothing) {
    auto r = build(sample());
    EXPECT_EQ(r->find(""), nullptr);
    EXPECT_EQ(r->find("app.example.com/evil"), nullptr);
    EXPECT_EQ(r->find(std::string("app.example.com\0x", 17)), nullptr);
}

TEST(RouteTable, HostsUpToTheLongestLegalNameAreFound) {
    // find() normalizes into a 255-byte stack buffer: the longest legal name fits, one byte more is refused.
    std::string longest = std::string(243, 'a') + ".example.com";  // 255 bytes, under the *.example.com wildcard
    ASSERT_EQ(longest.size(), 255u);
    auto r = build(sample());
    ASSERT_NE(r->find(longest), nullptr);
    EXPECT_EQ(r->find(longest)->name, "web");
    EXPECT_EQ(r->find("b" + longest), nullptr);
    EXPECT_EQ(normalizeHost("B" + longest.substr(1)), "b" + longest.substr(1));
    EXPECT_EQ(normalizeHost("b" + longest), "");
}

TEST(RouteBuilder, RejectsBadInputAndNamesIt) {
    auto d = sample();
    d.apps["bad"] = AppRoute{"bad", {"not a host"}, {{"127.0.0.1", 1}}, {}, false};
    EXPECT_THROW(buildRoutes(d, {}), std::invalid_argument);
    auto dup = sample();
    dup.apps["other"] = AppRoute{"other", {"app.example.com"}, {{"127.0.0.1", 1}}, {}, false};
    try {
        buildRoutes(dup, {});
        FAIL() << "duplicate domain accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("app.example.com"), std::string::npos);
    }
    auto noPort = sample();
    noPort.apps["web"].targets = {{"127.0.0.1", 0}};
    EXPECT_THROW(buildRoutes(noPort, {}), std::invalid_argument);
}

TEST(RouteBuilder, ReusesUnchangedTargetsAndReportsRemovedOnes) {
    auto first = buildRoutes(sample(), {});
    EXPECT_EQ(first.added.size(), 3u);
    auto d = sample();
    d.apps["web"].targets = {{"127.0.0.1", 9101}};
    auto second = buildRoutes(d, first.live);
    ASSERT_EQ(second.added.size(), 1u);
    EXPECT_EQ(second.added[0]->key(), "127.0.0.1:9101");
    ASSERT_EQ(second.removed.size(), 1u);
    EXPECT_EQ(second.removed[0]->key(), "127.0.0.1:9001");
    // Stats survive the switch.
    EXPECT_EQ(second.live.stats.at("web"), first.live.stats.at("web"));
}

TEST(RouteTableSnapshot, PublishIsSeenByReaders) {
    RouteTable table;
    EXPECT_EQ(table.snapshot()->find("app.example.com"), nullptr);
    table.publish(build(sample()));
    EXPECT_NE(table.snapshot()->find("app.example.com"), nullptr);
}

}  // namespace
}  // namespace rivetr::proxy
