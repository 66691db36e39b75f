// Request-target forms: origin-form untouched, absolute-form routed by its authority, the rest refused.
#include "proxy/request_target.hpp"

#include <gtest/gtest.h>

namespace rivetr::proxy {
namespace {
namespace http = boost::beast::http;

http::request_header<> request(http::verb method, std::string target, std::vector<std::string> hosts) {
    http::request_header<> r;
    r.method(method);
    r.target(target);
    for (const auto& h : hosts) r.insert(http::field::host, h);
    return r;
}

std::string str(boost::beast::string_view s) { return {s.data(), s.size()}; }

TEST(RequestTarget, OriginFormStaysAsItIs) {
    auto r = request(http::verb::get, "/a?b=c", {"app.test"});
    EXPECT_EQ(normalizeTarget(r), TargetForm::Origin);
    EXPECT_EQ(str(r.target()), "/a?b=c");
    EXPECT_EQ(str(r[http::field::host]), "app.test");
    auto star = request(http::verb::options, "*", {"app.test"});
    EXPECT_EQ(normalizeTarget(star), TargetForm::Origin);
}

TEST(RequestTarget, AbsoluteFormIsRoutedByItsAuthorityNotTheHostField) {
    auto r = request(http::verb::get, "http://Other.test:8080/abs?x=1", {"ext.test", "second.test"});
    EXPECT_EQ(normalizeTarget(r), TargetForm::Absolute);
    EXPECT_EQ(str(r.target()), "/abs?x=1");
    EXPECT_EQ(r.count(http::field::host), 1u);
    EXPECT_EQ(str(r[http::field::host]), "Other.test:8080");
    auto bare = request(http::verb::get, "HTTPS://other.test", {});
    EXPECT_EQ(normalizeTarget(bare), TargetForm::Absolute);
    EXPECT_EQ(str(bare.target()), "/");
    auto query = request(http::verb::get, "http://other.test?q", {});
    EXPECT_EQ(normalizeTarget(query), TargetForm::Absolute);
    EXPECT_EQ(str(query.target()), "/?q");
}

TEST(RequestTarget, OtherFormsAreRefused) {
    for (std::string t : {"other.test:443", "ftp://other.test/x", "http:///x", "http://user@other.test/x", "x", ""}) {
        auto r = request(t == "other.test:443" ? http::verb::connect : http::verb::get, t, {"ext.test"});
        EXPECT_EQ(normalizeTarget(r), TargetForm::Invalid) << t;
        EXPECT_EQ(str(r[http::field::host]), "ext.test") << t;  // nothing changed
    }
    auto star = request(http::verb::get, "*", {"ext.test"});
    EXPECT_EQ(normalizeTarget(star), TargetForm::Invalid);
}

}  // namespace
}  // namespace rivetr::proxy
