// The response fast path: byte for byte what Beast's path writes for simple answers, and hands everything else to Beast.
#include "proxy/response_head.hpp"

#include <gtest/gtest.h>

#include "proxy/response_head_reference.hpp"

namespace rivetr::proxy {
namespace {

// The fast path's answer must equal Beast's for both client keep-alive choices.
void expectSameAsBeast(const std::string& bytes) {
    for (bool clientKeep : {true, false}) {
        std::string fast;
        auto r = rewriteSimpleResponse(bytes, clientKeep, fast);
        ASSERT_TRUE(r) << bytes;
        auto beast = test::rewriteWithBeast(bytes, clientKeep);
        ASSERT_TRUE(beast) << bytes;
        EXPECT_TRUE(test::sameHeader(fast, beast->head)) << fast << "\n---\n" << beast->head;
        EXPECT_EQ(r->upstreamKeepAlive, beast->upstreamKeepAlive) << bytes;
        EXPECT_EQ(r->headLength, beast->headLength) << bytes;
        EXPECT_EQ(r->contentLength, beast->contentLength.value_or(~0ull)) << bytes;
    }
}

void expectLeftToBeast(const std::string& bytes) {
    std::string out = "untouched";
    EXPECT_FALSE(rewriteSimpleResponse(bytes, true, out)) << bytes;
    EXPECT_EQ(out, "untouched");
}

TEST(ResponseHead, SimpleAnswersAreWrittenAsBeastWouldWriteThem) {
    expectSameAsBeast("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain\r\nContent-Length: 23\r\n"
                      "Connection: keep-alive\r\n\r\nhello from the backend\n");
    expectSameAsBeast("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nX-Empty:\r\nX-Spaced:   a  b  \r\n\r\n");
    expectSameAsBeast("HTTP/1.1 200 Fine\r\nContent-Length: 007\r\n\r\n");  // the value as sent
    expectSameAsBeast("HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: Keep-Alive\r\n\r\nhi");
    expectSameAsBeast("HTTP/1.0 500 Internal Server Error\r\nContent-Length: 2\r\n\r\nno");
    expectSameAsBeast("HTTP/1.1 503 Busy\r\nKeep-Alive: timeout=5\r\nConnection: close\r\nTrailer: x\r\n"
                      "Proxy-Authenticate: Basic\r\nTE: trailers\r\nUpgrade: h2c\r\nSet-Cookie: a=1\r\n"
                      "Set-Cookie: b=2\r\nContent-Length: 4\r\n\r\nbusy");
    expectSameAsBeast("HTTP/1.1 302 Found\r\nLocation: /caf\xc3\xa9\r\nContent-Length: 0\r\n\r\n");  // obs-text
}

TEST(ResponseHead, RepeatedFieldsKeepTheUpstreamsOrder) {
    const std::string bytes = "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nVary: Accept\r\nSet-Cookie: b=2\r\n"
                              "Content-Length: 0\r\n\r\n";
    expectSameAsBeast(bytes);  // the same fields and values per name as Beast...
    std::string fast;
    ASSERT_TRUE(rewriteSimpleResponse(bytes, true, fast));
    // ...in the order they came (Beast would move the second Set-Cookie up next to the first).
    EXPECT_EQ(fast, "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nVary: Accept\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n");
    EXPECT_FALSE(test::sameHeader(fast, "HTTP/1.1 200 OK\r\nSet-Cookie: b=2\r\nSet-Cookie: a=1\r\nVary: Accept\r\n"
                                        "Content-Length: 0\r\n\r\n"));
}

TEST(ResponseHead, UpstreamKeepAliveFollowsVersionAndConnection) {
    std::string out;
    EXPECT_TRUE(rewriteSimpleResponse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true, out)->upstreamKeepAlive);
    EXPECT_FALSE(rewriteSimpleResponse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", true, out)
                     ->upstreamKeepAlive);
    EXPECT_FALSE(rewriteSimpleResponse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", true, out)->upstreamKeepAlive);
    EXPECT_TRUE(rewriteSimpleResponse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true, out)
                    ->upstreamKeepAlive);
}

TEST(ResponseHead, EverythingElseIsLeftToBeast) {
    expectLeftToBeast("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n");  // header not complete yet
    expectLeftToBeast("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\r\n\r\n");  // close-delimited body
    expectLeftToBeast("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\r\nContent-Length: 1, 1\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 100 Continue\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\r\nConnection: X-Secret\r\nX-Secret: 1\r\nContent-Length: 0\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 0\r\n\r\n");  // obs-fold
    expectLeftToBeast("HTTP/1.1 200 OK\r\nX-Bad: a\rb\r\nContent-Length: 0\r\n\r\n");
    expectLeftToBeast(std::string("HTTP/1.1 200 OK\r\nX-Nul: a\0b\r\nContent-Length: 0\r\n\r\n", 50));
    expectLeftToBeast("HTTP/1.1 200 OK\r\nBad Name: 1\r\nContent-Length: 0\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\r\n: empty name\r\nContent-Length: 0\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 OK\nContent-Length: 0\n\n");
    expectLeftToBeast("HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n");
    expectLeftToBeast("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n");  // Beast writes "OK" for an empty reason
    expectLeftToBeast("HTTP/1.1 200 OK\r\nX-Big: " + std::string(9000, 'a') + "\r\nContent-Length: 0\r\n\r\n");
}

}  // namespace
}  // namespace rivetr::proxy
