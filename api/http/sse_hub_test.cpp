// The SSE hub over a real socket pair: chunked SSE on the wire, wakes from other threads, pings on idle
// streams, a departed client ends its producer, stop() ends every stream with the terminating chunk.
#include "api/http/sse_hub.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "api/http/sse_test_wire.hpp"

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;
using test::eventually;
using test::Wire;

class CountingProducer : public StreamProducer {
public:
    void begin(Wake wake) override {
        std::lock_guard lock(mutex_);  // the hub's thread gives it while a test thread may be waking
        wake_ = std::move(wake);
    }
    bool pump(SseStream& out) override {
        while (sent < wanted.load()) {
            if (!out.event("tick", sent, "{\"n\":" + std::to_string(sent) + "}")) return false;
            ++sent;
        }
        return true;
    }
    void end() override { ended = true; }
    void more() {
        ++wanted;
        Wake wake;
        {
            std::lock_guard lock(mutex_);
            wake = wake_;
        }
        if (wake) wake();  // a stream that ended before it began was never given one
    }
    std::atomic<int> wanted{0};
    int sent = 0;
    std::atomic<bool> ended{false};

private:
    std::mutex mutex_;
    Wake wake_;
};

TEST(SseHub, WritesChunkedEventsWhenWokenAndPingsWhenIdle) {
    SseHub hub({std::chrono::milliseconds(150), std::chrono::milliseconds(50)});
    Wire wire;
    auto producer = std::make_shared<CountingProducer>();
    hub.adopt(std::make_shared<SseStream>(wire.fds[0], "req-1"), producer);
    auto head = wire.read("\r\n\r\n");
    EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
    EXPECT_NE(head.find("Content-Type: text/event-stream\r\n"), std::string::npos);
    EXPECT_NE(head.find("Transfer-Encoding: chunked\r\n"), std::string::npos);
    EXPECT_NE(head.find("X-Request-Id: req-1\r\n"), std::string::npos);
    std::thread([&] { producer->more(); }).join();  // a wake from another thread, like the engine's
    auto event = wire.read("\n\n\r\n");
    EXPECT_NE(event.find("id: 0\nevent: tick\ndata: {\"n\":0}\n\n\r\n"), std::string::npos) << event;
    auto ping = wire.read(": ping\n\n", 1s);
    EXPECT_NE(ping.find(": ping\n\n"), std::string::npos) << "no ping on an idle stream";
    EXPECT_EQ(hub.openStreams(), 1u);

    hub.stop();
    EXPECT_TRUE(producer->ended);
    EXPECT_NE(wire.read("0\r\n\r\n").find("0\r\n\r\n"), std::string::npos) << "stop() did not end the body";
    EXPECT_EQ(hub.openStreams(), 0u);
}

TEST(SseHub, ClientThatHangsUpEndsItsProducer) {
    SseHub hub({std::chrono::milliseconds(15000), std::chrono::milliseconds(50)});
    auto producer = std::make_shared<CountingProducer>();
    {
        Wire wire;
        hub.adopt(std::make_shared<SseStream>(wire.fds[0], "req-2"), producer);
        wire.read("\r\n\r\n");
    }  // the reading end closes
    EXPECT_TRUE(eventually([&] { return producer->ended.load(); })) << "the producer outlived its client";
    EXPECT_TRUE(eventually([&] { return hub.openStreams() == 0; }));
    producer->more();  // a late wake after the end is harmless
}

TEST(SseHub, AfterStopNewStreamsAreClosedAtOnce) {
    SseHub hub;
    hub.stop();
    Wire wire;
    auto producer = std::make_shared<CountingProducer>();
    hub.adopt(std::make_shared<SseStream>(wire.fds[0], "req-3"), producer);
    EXPECT_NE(wire.read("0\r\n\r\n").find("0\r\n\r\n"), std::string::npos);
    EXPECT_EQ(hub.openStreams(), 0u);
}

}  // namespace
}  // namespace rivetr::api
