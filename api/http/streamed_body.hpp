// A request body too large to buffer (a volume archive), handed to its route as a stream while it arrives.
#pragma once

#include <pistache/router.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace rivetr::api {

// Why: Pistache 0.0.5 buffers a whole body before the route runs. For a route listed in
// BodyLimits::streamedBodies the connection handler (guarded_handler.cpp) dispatches the request as soon
// as its head is complete, with an empty body and a token in X-Rivetr-Upload, and passes what the
// connection reads next to this object; the route claims it and reads it at its own pace. Memory stays
// bounded: past `kHighWater` queued bytes the connection stops being read (its epoll interest is
// dropped) until the route has taken them, so a fast client waits in TCP instead of in this process.
// Dropping the interest does not end the read loop under way: Pistache recv()s until the socket is dry,
// and a client on loopback can keep it wet while the route waits on a slow disk (a CI run saw 40 MB
// queued). So past `kHardCap`, while a route is reading, arrive() waits on the reactor thread for the
// route to catch up: the loop, and the client, wait in TCP too.
// The queue is a list of 64 KiB chunks that are reused, not one allocation per recv(): a gigabyte
// arriving 4 KiB at a time on one thread and freed on another left ~40 MB of freed pages in the
// allocator's caches (serve's RSS grew by that during a 1 GB restore; measured, issue 20).
class StreamedBody {
public:
    static constexpr std::size_t kHighWater = 1024 * 1024;
    static constexpr std::size_t kHardCap = 4 * kHighWater;
    static constexpr std::size_t kChunk = 64 * 1024;
    static constexpr const char* kHeader = "X-Rivetr-Upload";

    // `setReading(false)` pauses reading the connection, `setReading(true)` resumes it (any thread).
    StreamedBody(std::uint64_t length, std::function<void(bool)> setReading);

    // On the reactor thread: the next bytes of the connection (those past the body are dropped).
    void arrive(std::string_view data);
    // The connection closed.
    void disconnected();

    // On the route's thread: up to `max` bytes (all that is queued, if less), blocking until some arrive;
    // 0 at the end of the body.
    // Throws std::runtime_error when the client went away or sent nothing for `idle`.
    std::size_t read(char* out, std::size_t max, std::chrono::seconds idle = std::chrono::seconds(60));
    std::uint64_t length() const { return length_; }

    // The registry the connection handler fills and routes claim from (by the request's token).
    static std::string enroll(std::shared_ptr<StreamedBody> body);
    static void withdraw(const std::string& token);
    // The body of this request; nullptr when the request has none (no token, or already claimed). While
    // the returned pointer lives a route is reading: arrive() may wait for it (see kHardCap).
    static std::shared_ptr<StreamedBody> claim(const Pistache::Rest::Request& req);
    static std::shared_ptr<StreamedBody> claim(const std::string& token);

    // Bytes arrived and not yet read (for tests and the bound's check).
    std::size_t queuedBytes();

private:
    std::string takeSpare();
    std::size_t copyOut(char* out, std::size_t max);

    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::string> queue_;  // chunks of up to kChunk bytes, none empty
    std::vector<std::string> spare_;  // emptied chunks, capacity kept
    std::size_t queued_ = 0, offset_ = 0;
    std::uint64_t length_, received_ = 0, delivered_ = 0;
    bool paused_ = false, gone_ = false;
    bool reading_ = false;  // claimed by a route that has not let go of it yet
    std::function<void(bool)> setReading_;
};

}  // namespace rivetr::api
