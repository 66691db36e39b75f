// Serves every open SSE stream from one thread, so a long-lived stream never holds an API worker.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "api/http/sse_stream.hpp"
#include "core/non_copyable.hpp"

namespace rivetr::api {

// What feeds one stream. All three calls run on the hub's thread.
class StreamProducer {
public:
    using Wake = std::function<void()>;
    virtual ~StreamProducer() = default;
    // Subscribe to sources here. `wake` is cheap, never blocks and may be called from any thread
    // (an engine thread publishing an event), even after the stream ended.
    virtual void begin(Wake wake) { (void)wake; }
    // Writes what is new. Called after every wake and at least every poll interval. Returns false
    // when the stream is complete (the hub then closes it).
    virtual bool pump(SseStream& out) = 0;
    // Unsubscribe and release; called exactly once, whatever ended the stream.
    virtual void end() {}
};

struct SseHubOptions {
    std::chrono::milliseconds ping{15000};  // ": ping" comment on idle streams
    std::chrono::milliseconds poll{500};    // pump without a wake, and notice clients that left
};

class SseHub : NonCopyable {
public:
    explicit SseHub(SseHubOptions options = {});
    ~SseHub();  // stop()

    // Takes the stream over; after stop() the stream is closed at once instead.
    void adopt(std::shared_ptr<SseStream> stream, std::shared_ptr<StreamProducer> producer);
    // Ends every open stream (producers' end(), then the terminating chunk) and joins the thread.
    // Server shutdown calls it first, so a SIGTERM drain is never held by a stream.
    void stop();
    std::size_t openStreams() const;

private:
    struct Signal;
    struct Entry;
    void loop();
    void serve(std::vector<std::shared_ptr<Entry>>& entries, bool pollDue);

    SseHubOptions options_;
    std::shared_ptr<Signal> signal_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<Entry>> incoming_;
    std::size_t open_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rivetr::api
