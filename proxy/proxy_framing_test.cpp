// What reaches the upstream, byte for byte, and what each client gets back: request framing and host handling at the proxy's edges (RFC 9112).
#include <gtest/gtest.h>

#include "proxy/asio.hpp"
#include "proxy/echo_upstream.hpp"
#include "proxy/nginx_upstream.hpp"
#include "proxy/proxy_test_util.hpp"

namespace rivetr::proxy {
namespace {
using test::app;
using test::EchoUpstream;

using Response = http::response<http::string_body>;

// Sends `bytes` on a new connection and reads up to `n` answers (fewer when the proxy closes).
std::vector<Response> exchange(std::uint16_t port, const std::string& bytes, int n) {
    asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(s, asio::buffer(bytes));
    beast::flat_buffer buf;
    std::vector<Response> out;
    for (int i = 0; i < n; ++i) {
        Response res;
        beast::error_code ec;
        http::read(s, buf, res, ec);
        if (ec) break;
        out.push_back(std::move(res));
    }
    return out;
}

std::string chunkedPost(const std::string& host, const std::string& body) {
    return "POST /x HTTP/1.1\r\nHost: " + host + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
}

std::string getRequest(const std::string& host, const std::string& path) {
    return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
}

// The last chunk as a line of its own: a header line ending in "0" (a request id) is not one.
constexpr const char* kLastChunkLine = "\r\n0\r\n\r\n";

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

class ProxyFramingTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto o = test::testOptions();
        o.workers = 1;  // one connection pool: a stray answer left upstream would meet the next client
        proxy = std::make_unique<Proxy>(o);
        proxy->start();
        port = proxy->httpPort();
    }
    // Each of `clients` GETs on its own connection must get its own answer.
    void expectEachClientGetsItsOwnAnswer(const std::string& host, int clients, const std::string& suffix) {
        for (int i = 0; i < clients; ++i) {
            const auto path = "/n" + std::to_string(i);
            auto got = exchange(port, getRequest(host, path), 1);
            ASSERT_EQ(got.size(), 1u) << path;
            EXPECT_EQ(got[0].result_int(), 200) << path;
            EXPECT_EQ(got[0].body(), "GET " + path + suffix);
        }
    }
    std::unique_ptr<Proxy> proxy;
    std::uint16_t port = 0;
};

TEST_F(ProxyFramingTest, AnEmptyChunkedBodyIsOneRequestUpstreamAndEveryClientGetsItsOwnAnswer) {
    EchoUpstream echo;
    proxy->switchApp(app("a", {"a.test"}, {echo.port()})).get();
    auto first = exchange(port, chunkedPost("a.test", "0\r\n\r\n"), 1);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].body(), "POST /x ");
    expectEachClientGetsItsOwnAnswer("a.test", 5, " ");
    EXPECT_EQ(echo.badRequests(), 0);
    EXPECT_EQ(echo.requests(), 6);
    EXPECT_EQ(occurrences(echo.received(), kLastChunkLine), 1u) << echo.received();
}

TEST_F(ProxyFramingTest, ChunkedBodiesOfEveryShapeArriveAsExactlyOneMessage) {
    EchoUpstream echo;
    proxy->switchApp(app("a", {"a.test"}, {echo.port()})).get();
    std::string big, bigChunks;
    for (int i = 0; i < 100; ++i) {
        const std::string piece(1000, static_cast<char>('a' + i % 26));
        big += piece;
        bigChunks += "3e8\r\n" + piece + "\r\n";
    }
    const std::vector<std::pair<std::string, std::string>> cases{
        {"0\r\n\r\n", ""},
        {"5\r\nhello\r\n0\r\n\r\n", "hello"},
        {"1\r\na\r\n2\r\nbc\r\n3\r\ndef\r\n0\r\n\r\n", "abcdef"},
        {"3;ext=1\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n", "abc"},
        {bigChunks + "0\r\n\r\n", big},
    };
    int sent = 0;
    for (const auto& [wire, body] : cases) {
        // Pipelined with a GET on one connection: the body must end exactly where the GET begins,
        // on the client side and on the upstream side.
        auto got = exchange(port, chunkedPost("a.test", wire) + getRequest("a.test", "/after"), 2);
        ASSERT_EQ(got.size(), 2u) << wire.substr(0, 40);
        EXPECT_EQ(got[0].body(), "POST /x " + body);
        EXPECT_EQ(got[1].body(), "GET /after ");
        sent += 2;
    }
    EXPECT_EQ(echo.badRequests(), 0);
    EXPECT_EQ(echo.requests(), sent);
    EXPECT_EQ(occurrences(echo.received(), kLastChunkLine), cases.size());
}

TEST_F(ProxyFramingTest, AnEmptyChunkedAnswerReachesTheClientAsOneMessage) {
    EchoUpstream echo;
    proxy->switchApp(app("a", {"a.test"}, {echo.port()})).get();
    auto got = exchange(port, getRequest("a.test", "/empty-chunked") + getRequest("a.test", "/next"), 2);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].body(), "");
    EXPECT_EQ(got[1].body(), "GET /next ");
}

TEST_F(ProxyFramingTest, AnEmptyChunkedBodyDoesNotDesyncNginx) {
    test::NginxUpstream nginx;
    proxy->switchApp(app("a", {"a.test"}, {nginx.port()})).get();
    for (int round = 0; round < 3; ++round) {
        auto first = exchange(port, chunkedPost("a.test", "0\r\n\r\n"), 1);
        ASSERT_EQ(first.size(), 1u);
        EXPECT_EQ(first[0].body(), "POST /x");
        expectEachClientGetsItsOwnAnswer("a.test", 3, "");
    }
    const auto log = nginx.accessLog();
    EXPECT_EQ(log.find("400 "), std::string::npos) << log;
    EXPECT_EQ(occurrences(log, "200 ") - occurrences(log, "200 GET /ready "), 12u) << log;
}

TEST_F(ProxyFramingTest, TransferCodingsOtherThanChunkedAreRefusedBeforeTheUpstream) {
    EchoUpstream echo;
    proxy->switchApp(app("a", {"a.test"}, {echo.port()})).get();
    for (std::string te : {"Transfer-Encoding: chunked, identity\r\n", "Transfer-Encoding: identity\r\n",
                           "Transfer-Encoding: gzip, chunked\r\n",
                           "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"}) {
        auto got = exchange(port, "POST /x HTTP/1.1\r\nHost: a.test\r\n" + te + "\r\n5\r\nhello\r\n0\r\n\r\n", 2);
        ASSERT_EQ(got.size(), 1u) << te;  // and the connection closes
        EXPECT_EQ(got[0].result_int(), 400) << te;
    }
    EXPECT_EQ(echo.received(), "");
}

TEST_F(ProxyFramingTest, TwoHostFieldsAreRefused) {
    EchoUpstream echo;
    proxy->switchApp(app("a", {"a.test"}, {echo.port()})).get();
    auto got = exchange(port, "GET / HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n", 2);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].result_int(), 400);
    EXPECT_EQ(echo.received(), "");
}

TEST_F(ProxyFramingTest, AbsoluteFormIsRoutedByItsAuthorityAndSentInOriginForm) {
    EchoUpstream ext, other;
    proxy->switchApp(app("ext", {"ext.test"}, {ext.port()})).get();
    proxy->switchApp(app("other", {"other.test"}, {other.port()})).get();
    auto got = exchange(port, "GET http://other.test/abs?q=1 HTTP/1.1\r\nHost: ext.test\r\n\r\n", 1);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].body(), "GET /abs?q=1 ");
    EXPECT_EQ(ext.received(), "");
    const auto seen = other.received();
    EXPECT_EQ(seen.rfind("GET /abs?q=1 HTTP/1.1\r\n", 0), 0u) << seen;
    EXPECT_NE(seen.find("Host: other.test\r\n"), std::string::npos) << seen;
    EXPECT_EQ(seen.find("ext.test"), std::string::npos) << seen;
    auto refused = exchange(port, "GET ftp://other.test/x HTTP/1.1\r\nHost: ext.test\r\n\r\n", 1);
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].result_int(), 400);
}

}  // namespace
}  // namespace rivetr::proxy
