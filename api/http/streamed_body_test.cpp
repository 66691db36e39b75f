// A streamed upload's queue stays bounded while its route reads slowly, and never holds up a route that let go.
#include "api/http/streamed_body.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kChunk = 4096;  // what Pistache hands over per recv()

// What a reactor's read loop does when the client keeps the socket full: arrive() after arrive(),
// ignoring the pause (the loop ends only when the socket is dry). Returns the largest queue seen.
std::size_t flood(StreamedBody& body, std::size_t total) {
    std::string chunk(kChunk, 'x');
    std::size_t peak = 0;
    for (std::size_t sent = 0; sent < total; sent += kChunk) {
        body.arrive(chunk);
        peak = std::max(peak, body.queuedBytes());
    }
    return peak;
}

TEST(StreamedBody, ASlowReaderBoundsWhatTheReadLoopQueues) {
    constexpr std::size_t kTotal = 16 * 1024 * 1024;
    auto owned = std::make_shared<StreamedBody>(kTotal, [](bool) {});
    auto reader = StreamedBody::claim(StreamedBody::enroll(owned));
    ASSERT_TRUE(reader);
    std::atomic<std::size_t> read{0};
    std::thread route([&] {  // a route spooling to a slow disk: 64 KiB per ms at most
        std::vector<char> buf(64 * 1024);
        for (std::size_t n; (n = reader->read(buf.data(), buf.size())) > 0;) {
            read += n;
            std::this_thread::sleep_for(1ms);
        }
    });
    std::size_t peak = flood(*owned, kTotal);
    route.join();
    EXPECT_EQ(read.load(), kTotal);
    EXPECT_LE(peak, StreamedBody::kHardCap + kChunk) << "the queue grew past its cap";
}

TEST(StreamedBody, ARouteThatLetGoIsNotWaitedFor) {
    constexpr std::size_t kTotal = 3 * StreamedBody::kHardCap;
    auto owned = std::make_shared<StreamedBody>(kTotal, [](bool) {});
    {
        auto reader = StreamedBody::claim(StreamedBody::enroll(owned));
        ASSERT_TRUE(reader);
    }  // the route answered (say a 400) without reading
    auto start = std::chrono::steady_clock::now();
    flood(*owned, kTotal);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << "the reactor waited for a reader that is gone";
}

// A read takes all that is queued, across recv()s, in order: the route writes its spool in large blocks
// rather than one syscall per 4 KiB, and chunks emptied by reads are filled again.
TEST(StreamedBody, AReadTakesEverythingQueuedInOrder) {
    constexpr std::size_t kTotal = 5 * StreamedBody::kChunk + 123;
    auto owned = std::make_shared<StreamedBody>(kTotal, [](bool) {});
    std::string sent;
    for (std::size_t i = 0; sent.size() < kTotal; ++i) {
        std::string piece(std::min(kChunk, kTotal - sent.size()), static_cast<char>('a' + i % 26));
        owned->arrive(piece);
        sent += piece;
    }
    std::string got(kTotal, '\0');
    EXPECT_EQ(owned->read(got.data(), 3 * StreamedBody::kChunk), 3 * StreamedBody::kChunk);
    owned->arrive("past the body's end: dropped");
    EXPECT_EQ(owned->read(got.data() + 3 * StreamedBody::kChunk, kTotal), kTotal - 3 * StreamedBody::kChunk);
    EXPECT_EQ(got, sent);
    EXPECT_EQ(owned->queuedBytes(), 0u);
    EXPECT_EQ(owned->read(got.data(), 1), 0u) << "the body's end";
}

TEST(StreamedBody, AClaimIsOnce) {
    auto owned = std::make_shared<StreamedBody>(10, [](bool) {});
    auto token = StreamedBody::enroll(owned);
    EXPECT_TRUE(StreamedBody::claim(token));
    EXPECT_FALSE(StreamedBody::claim(token));
}

}  // namespace
}  // namespace rivetr::api
