// A blocking job's events reach the client in order; the stream ends after the job's last event; a
// client that leaves stops the job, and a job that outlives its producer stays harmless.
#include "api/http/blocking_stream.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "api/http/sse_test_wire.hpp"

namespace rivetr::api {
namespace {

using namespace std::chrono_literals;
using test::eventually;
using test::Wire;


TEST(BlockingStream, WritesTheJobsEventsInOrderAndEndsAfterItsLast) {
    SseHub hub({15000ms, 50ms});
    Wire wire;
    auto stream = std::make_shared<BlockingStream>(
        [](BlockingStream::Sink& sink) {
            sink.post("progress", "1", R"({"n":1})");
            sink.post("progress", "2", R"({"n":2})");
            sink.post("done", "", "{}");
        },
        [] {});
    hub.adopt(std::make_shared<SseStream>(wire.fds[0], "req-b1"), stream);
    auto body = wire.read("0\r\n\r\n");
    auto first = body.find("id: 1\nevent: progress\ndata: {\"n\":1}\n\n");
    auto second = body.find("id: 2\nevent: progress\ndata: {\"n\":2}\n\n");
    auto done = body.find("event: done\ndata: {}\n\n");
    ASSERT_NE(first, std::string::npos) << body;
    ASSERT_NE(second, std::string::npos) << body;
    ASSERT_NE(done, std::string::npos) << body;
    EXPECT_LT(first, second);
    EXPECT_LT(second, done);
    EXPECT_NE(body.find("0\r\n\r\n"), std::string::npos) << "the stream did not end with its job";
    EXPECT_TRUE(eventually([&] { return hub.openStreams() == 0; }));
}

// A job that throws (an engine answer nobody expected) ends its stream; it never takes the server down.
TEST(BlockingStream, AJobThatThrowsEndsItsStreamAndNothingElse) {
    SseHub hub({15000ms, 50ms});
    Wire wire;
    auto stream = std::make_shared<BlockingStream>(
        [](BlockingStream::Sink& sink) {
            sink.post("log", "1", "{}");
            throw std::runtime_error("unexpected engine answer");
        },
        [] {});
    hub.adopt(std::make_shared<SseStream>(wire.fds[0], "req-b3"), stream);
    auto body = wire.read("0\r\n\r\n");
    EXPECT_NE(body.find("event: log"), std::string::npos) << body;
    EXPECT_NE(body.find("0\r\n\r\n"), std::string::npos) << "the stream did not end";
    EXPECT_TRUE(eventually([&] { return hub.openStreams() == 0; }));
}

TEST(BlockingStream, AClientThatLeavesStopsTheJob) {
    SseHub hub({15000ms, 50ms});
    auto cancelled = std::make_shared<std::atomic<bool>>(false);  // what a cancel token is to a runtime call
    auto jobReturned = std::make_shared<std::atomic<bool>>(false);
    {
        Wire wire;
        auto stream = std::make_shared<BlockingStream>(
            [cancelled, jobReturned](BlockingStream::Sink& sink) {
                sink.post("log", "1", "{}");
                eventually([&] { return cancelled->load(); }, 30s);  // blocks as a log follow does
                sink.post("log", "2", "{}");  // posting after the client left is harmless
                *jobReturned = true;
            },
            [cancelled] { *cancelled = true; });
        hub.adopt(std::make_shared<SseStream>(wire.fds[0], "req-b2"), stream);
        ASSERT_NE(wire.read("event: log").find("event: log"), std::string::npos);
    }  // the client hangs up
    EXPECT_TRUE(eventually([&] { return jobReturned->load(); }, 5s)) << "the job was never stopped";
    EXPECT_TRUE(eventually([&] { return hub.openStreams() == 0; }));
}

}  // namespace
}  // namespace rivetr::api
