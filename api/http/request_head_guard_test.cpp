// The request head guard: limits by route prefix, refusal from the headers, heads split across reads.
#include "api/http/request_head_guard.hpp"

#include <gtest/gtest.h>

namespace rivetr::api {
namespace {

const BodyLimits kLimits{4096, {{"/webhooks/", 100}}};

std::optional<Refusal> feed(RequestHeadGuard& g, const std::string& bytes) { return g.inspect(bytes.data(), bytes.size()); }

TEST(BodyLimits, LongestPrefixWinsAndRepeatedSlashesCountAsOne) {
    BodyLimits limits{4096, {{"/webhooks/", 100}, {"/webhooks/big/", 9000}}};
    EXPECT_EQ(limits.forPath("/webhooks/github"), 100u);
    EXPECT_EQ(limits.forPath("//webhooks///github"), 100u);
    EXPECT_EQ(limits.forPath("/webhooks/big/x"), 9000u);
    EXPECT_EQ(limits.forPath("/api/apps"), 4096u);
    EXPECT_EQ(limits.forPath("/webhooksx"), 4096u);
    EXPECT_EQ(limits.largest(), 9000u);
}

TEST(RequestHeadGuard, DeclaredLengthOverTheRouteLimitIsRefusedFromTheHead) {
    RequestHeadGuard g(kLimits, 1024);
    auto r = feed(g, "POST /webhooks/github HTTP/1.1\r\ncontent-LENGTH: 101\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(r->code, "payload_too_large");
}

TEST(RequestHeadGuard, DeclaredLengthWithinTheLimitPasses) {
    RequestHeadGuard g(kLimits, 1024);
    EXPECT_FALSE(feed(g, "POST /webhooks/github?x=1 HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'a')));
    RequestHeadGuard other(kLimits, 1024);
    EXPECT_FALSE(feed(other, "PUT /api/apps/x HTTP/1.1\r\nContent-Length: 4096\r\n\r\n"));
}

TEST(RequestHeadGuard, HeadSplitAcrossReadsIsStillSeen) {
    RequestHeadGuard g(kLimits, 1024);
    std::string head = "POST /webhooks/gitlab HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n";
    for (std::size_t i = 0; i + 1 < head.size(); ++i) ASSERT_FALSE(feed(g, head.substr(i, 1))) << i;
    auto r = feed(g, head.substr(head.size() - 1));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
}

TEST(RequestHeadGuard, ChunkedBodyIsRefusedOnceItPassesTheLimit) {
    RequestHeadGuard g(kLimits, 1024);
    EXPECT_FALSE(feed(g, "POST /webhooks/github HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n"));
    EXPECT_FALSE(feed(g, std::string(64, 'a')));
    auto r = feed(g, "\r\n40\r\n" + std::string(64, 'a'));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
}

TEST(RequestHeadGuard, HeadThatNeverEndsIs431) {
    RequestHeadGuard g(kLimits, 1024);
    EXPECT_FALSE(feed(g, "GET /health HTTP/1.1\r\n"));
    auto r = feed(g, "X-Filler: " + std::string(2000, 'a'));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
}

TEST(RequestHeadGuard, BadOrConflictingContentLengthIs400) {
    for (const char* cl : {"Content-Length: abc\r\n", "Content-Length: -1\r\n",
                           "Content-Length: 99999999999999999999999\r\n",
                           "Content-Length: 5\r\nContent-Length: 6\r\n"}) {
        RequestHeadGuard g(kLimits, 1024);
        auto r = feed(g, std::string("POST /api/apps HTTP/1.1\r\n") + cl + "\r\n");
        ASSERT_TRUE(r) << cl;
        EXPECT_EQ(r->status, 400) << cl;
        EXPECT_EQ(r->field, "Content-Length");
    }
}

TEST(RequestHeadGuard, NextRequestStartsAfterRequestDone) {
    RequestHeadGuard g(kLimits, 1024);
    EXPECT_TRUE(g.atRequestStart());
    EXPECT_FALSE(feed(g, "GET /health HTTP/1.1\r\n\r\n"));
    EXPECT_FALSE(g.atRequestStart());
    g.requestDone();
    EXPECT_TRUE(g.atRequestStart());
    EXPECT_TRUE(feed(g, "POST /webhooks/github HTTP/1.1\r\nContent-Length: 1000\r\n\r\n"));
}

TEST(RequestHeadGuard, AStreamedRouteHasNoLimitButNeedsItsLengthAndReportsItsFirstBodyBytes) {
    BodyLimits limits{100, {}, {"/api/volumes/:name/restore"}};
    EXPECT_TRUE(limits.streamed("/api/volumes/pg/restore"));
    EXPECT_TRUE(limits.streamed("//api/volumes//pg/restore"));
    EXPECT_FALSE(limits.streamed("/api/volumes/pg/browse"));
    EXPECT_FALSE(limits.streamed("/api/volumes/restore"));
    RequestHeadGuard g(limits, 1024);
    std::string head = "POST /api/volumes/pg/restore?force=1 HTTP/1.1\r\nContent-Length: 5000000000\r\n\r\n";
    EXPECT_FALSE(feed(g, head.substr(0, 20)));
    EXPECT_FALSE(g.streamedBody());
    EXPECT_FALSE(feed(g, head.substr(20) + "abc"));
    ASSERT_TRUE(g.streamedBody());
    EXPECT_EQ(g.head(), head);
    EXPECT_EQ(g.contentLength(), 5000000000u);
    EXPECT_EQ(g.bodyBytesInLastRead(), 3u);
    RequestHeadGuard chunked(limits, 1024);
    auto r = feed(chunked, "POST /api/volumes/pg/restore HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 411);
}

}  // namespace
}  // namespace rivetr::api
