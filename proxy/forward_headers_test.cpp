// What the upstream sees of a client's headers: hop-by-hop ones gone, X-Forwarded-* ours, the client's request id kept.
#include <gtest/gtest.h>

#include <boost/beast/http.hpp>

#include "proxy/forward_headers.hpp"

namespace rivetr::proxy {
namespace {
namespace http = boost::beast::http;

std::string value(const http::fields& f, std::string_view name) {
    auto it = f.find({name.data(), name.size()});
    return it == f.end() ? "<none>" : std::string(it->value());
}

std::size_t count(const http::fields& f, std::string_view name) { return f.count({name.data(), name.size()}); }

// Header lines ("Name: value\r\n"), as the upstream parses them, added to `f`.
void insertLines(http::fields& f, const std::string& lines) {
    for (std::size_t pos = 0, end; (end = lines.find("\r\n", pos)) != std::string::npos; pos = end + 2) {
        auto line = lines.substr(pos, end - pos);
        auto colon = line.find(": ");
        f.insert(line.substr(0, colon), line.substr(colon + 2));
    }
}

// What the upstream sees of the client's fields `f`: what takeForwarded leaves, then what appendForwarded writes.
http::fields forward(http::fields f, const ForwardInfo& info) {
    auto fw = takeForwarded(f, info);
    std::string lines;
    appendForwarded(lines, fw);
    insertLines(f, lines);
    return f;
}

TEST(ForwardHeaders, AppendsTheClientAndOverridesSpoofedProtoAndHost) {
    http::fields f;
    f.insert("x-forwarded-for", "10.1.1.1");
    f.insert("X-Forwarded-For", "10.2.2.2");
    f.insert("X-Forwarded-Proto", "https");
    f.insert("X-Forwarded-Host", "evil.example");
    f.insert("X-Other", "kept");
    f = forward(std::move(f), {"127.0.0.1", false, "a.example.com"});
    EXPECT_EQ(count(f, "X-Forwarded-For"), 1u);
    EXPECT_EQ(value(f, "X-Forwarded-For"), "10.1.1.1, 127.0.0.1");
    EXPECT_EQ(count(f, "X-Forwarded-Proto"), 1u);
    EXPECT_EQ(value(f, "X-Forwarded-Proto"), "http");
    EXPECT_EQ(value(f, "X-Forwarded-Host"), "a.example.com");
    EXPECT_EQ(value(f, "X-Other"), "kept");
    EXPECT_EQ(value(f, "X-Request-Id").size(), 32u);
}

TEST(ForwardHeaders, KeepsTheClientsRequestIdAndMarksTls) {
    http::fields f;
    f.insert("x-request-id", "abc");
    f = forward(std::move(f), {"::1", true, "b.example.com"});
    EXPECT_EQ(count(f, "X-Request-Id"), 1u);
    EXPECT_EQ(value(f, "X-Request-Id"), "abc");
    EXPECT_EQ(value(f, "X-Forwarded-For"), "::1");
    EXPECT_EQ(value(f, "X-Forwarded-Proto"), "https");
}

TEST(ForwardHeaders, HeaderLinesCarryTheChainProtoHostAndANewRequestId) {
    http::fields f;
    f.insert("X-Forwarded-For", "10.0.0.1");
    auto fw = takeForwarded(f, {"127.0.0.1", true, "c.example.com"});
    EXPECT_EQ(count(f, "X-Forwarded-For"), 0u);
    std::string lines;
    appendForwarded(lines, fw);
    EXPECT_EQ(lines.rfind("X-Forwarded-For: 10.0.0.1, 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
                          "X-Forwarded-Host: c.example.com\r\nX-Request-Id: ",
                          0),
              0u)
        << lines;
}

// The API believes X-Forwarded-For only with our mark: a client's copy never passes, on any route,
// and the mark goes only where the route carries it (the dashboard route to our own API).
TEST(ForwardHeaders, TheProxyMarkIsOursAloneToSend) {
    for (std::string_view mark : {std::string_view(), std::string_view("the-real-mark")}) {
        http::fields f;
        f.insert("x-rivetr-proxy-mark", "forged-1");
        f.insert("X-Rivetr-Proxy-Mark", "forged-2");
        auto fw = takeForwarded(f, {"198.51.100.3", false, "dash.example.com", mark});
        EXPECT_EQ(count(f, "X-Rivetr-Proxy-Mark"), 0u) << "a client's mark was forwarded";
        std::string lines;
        appendForwarded(lines, fw);
        insertLines(f, lines);
        EXPECT_EQ(lines.find("forged"), std::string::npos) << lines;
        if (mark.empty()) {
            EXPECT_EQ(count(f, "X-Rivetr-Proxy-Mark"), 0u);
            EXPECT_EQ(lines.find("X-Rivetr-Proxy-Mark"), std::string::npos) << lines;
        } else {
            EXPECT_EQ(value(f, "X-Rivetr-Proxy-Mark"), "the-real-mark");
            EXPECT_NE(lines.find("X-Rivetr-Proxy-Mark: the-real-mark\r\n"), std::string::npos) << lines;
        }
    }
}

TEST(ForwardHeaders, StripsHopByHopAndWhatConnectionNamesButNeverTheFraming) {
    http::fields f;
    f.insert(http::field::connection, "keep-alive, X-Hop, Content-Length");
    f.insert(http::field::connection, "host");
    f.insert("X-Hop", "1");
    f.insert(http::field::host, "a.example.com");
    f.insert(http::field::content_length, "5");
    f.insert(http::field::keep_alive, "timeout=5");
    f.insert(http::field::te, "trailers");
    f.insert(http::field::proxy_authorization, "secret");
    f.insert(http::field::upgrade, "websocket");
    f.insert(http::field::accept, "*/*");
    stripHopByHop(f, false);
    for (auto n : {"Connection", "X-Hop", "Keep-Alive", "TE", "Proxy-Authorization", "Upgrade"}) {
        EXPECT_EQ(count(f, n), 0u) << n;
    }
    EXPECT_EQ(value(f, "Host"), "a.example.com");
    EXPECT_EQ(value(f, "Content-Length"), "5");
    EXPECT_EQ(value(f, "Accept"), "*/*");
}

TEST(ForwardHeaders, StripsExactlyTheHopByHopList) {
    http::fields f;
    for (auto name : kHopByHopFields) f.insert({name.data(), name.size()}, "x");
    f.insert("X-Kept", "1");
    stripHopByHop(f, false);
    for (auto name : kHopByHopFields) EXPECT_EQ(count(f, name), 0u) << name;
    EXPECT_EQ(std::distance(f.begin(), f.end()), 1);
}

TEST(ForwardHeaders, AnUpgradeKeepsItsUpgradeAndConnectionPair) {
    http::fields f;
    f.insert(http::field::connection, "Upgrade, X-Hop");
    f.insert(http::field::upgrade, "websocket");
    f.insert("X-Hop", "1");
    EXPECT_TRUE(wantsUpgrade(f));
    stripHopByHop(f, true);
    EXPECT_EQ(value(f, "Upgrade"), "websocket");
    EXPECT_EQ(value(f, "Connection"), "upgrade");
    EXPECT_EQ(count(f, "X-Hop"), 0u);
}

TEST(ForwardHeaders, OnePassFindsWhatRoutingNeeds) {
    http::fields f;
    f.insert(http::field::accept, "text/html");
    f.insert(http::field::host, "App.Example.com:8080");
    f.insert(http::field::expect, "100-Continue");
    f.insert(http::field::accept, "application/json");  // a second one: the first counts, as Beast's [] answers
    auto r = scanRequest(f);
    EXPECT_EQ(r.host, "App.Example.com:8080");
    EXPECT_EQ(r.accept, "text/html");
    EXPECT_TRUE(r.hasExpect);
    EXPECT_TRUE(r.expectContinue);
    EXPECT_FALSE(r.upgrade);

    http::fields g;
    g.insert(http::field::upgrade, "websocket");  // Upgrade without Connection: upgrade is no upgrade
    g.insert(http::field::expect, "something-else");
    auto q = scanRequest(g);
    EXPECT_TRUE(q.host.empty());
    EXPECT_TRUE(q.hasExpect);
    EXPECT_FALSE(q.expectContinue);
    EXPECT_FALSE(q.upgrade);
    g.insert(http::field::connection, "keep-alive");
    g.insert(http::field::connection, "Upgrade");  // tokens may come in several Connection fields
    EXPECT_TRUE(scanRequest(g).upgrade);
}

TEST(ForwardHeaders, ASecondHostOrATransferCodingOtherThanChunkedIsMalformed) {
    // Only the flags are read from what this returns: its views point into fields gone by then.
    auto scan = [](std::vector<std::pair<http::field, std::string>> in) {
        http::fields f;
        for (const auto& [name, value] : in) f.insert(name, value);
        return scanRequest(f);
    };
    EXPECT_FALSE(scan({{http::field::host, "a.test"}}).malformed());
    EXPECT_FALSE(scan({{http::field::host, "a.test"}, {http::field::transfer_encoding, " Chunked "}}).malformed());
    EXPECT_TRUE(scan({}).malformed());
    http::fields two;  // kept alive: RequestFields holds views into it
    two.insert(http::field::host, "a.test");
    two.insert(http::field::host, "b.test");
    const auto twoHosts = scanRequest(two);
    EXPECT_TRUE(twoHosts.malformed());
    EXPECT_EQ(twoHosts.host, "a.test");
    for (std::vector<std::string> te : std::vector<std::vector<std::string>>{
             {"chunked, identity"}, {"identity"}, {"gzip, chunked"}, {"chunked", "chunked"}, {""}, {"chunked,"}}) {
        std::vector<std::pair<http::field, std::string>> in{{http::field::host, "a.test"}};
        for (const auto& v : te) in.emplace_back(http::field::transfer_encoding, v);
        EXPECT_TRUE(scan(in).badTransferEncoding) << te.front();
    }
}

}  // namespace
}  // namespace rivetr::proxy
