// One SSE producer for every stream fed by a blocking call: the call's thread posts, the hub's thread writes.
#include "api/http/blocking_stream.hpp"

#include <deque>
#include <mutex>
#include <thread>

#include "core/log.hpp"

namespace rivetr::api {
namespace {

struct Posted {
    std::string name;
    std::string id;
    std::string data;
};

}  // namespace

struct BlockingStream::Shared : Sink {
    std::mutex mutex;
    std::deque<Posted> events;
    bool finished = false;  // the job returned: end after what it posted
    Wake wake;

    void post(std::string name, std::string id, std::string data) override {
        {
            std::lock_guard lock(mutex);
            events.push_back({std::move(name), std::move(id), std::move(data)});
        }
        wake();
    }
};

BlockingStream::BlockingStream(Job job, std::function<void()> stop)
    : job_(std::move(job)), stop_(std::move(stop)), shared_(std::make_shared<Shared>()) {}

BlockingStream::~BlockingStream() { stop_(); }

void BlockingStream::begin(Wake wake) {
    shared_->wake = std::move(wake);  // set before the thread starts, read only by it from then on
    std::thread([job = job_, shared = shared_] {
        try {
            job(*shared);
        } catch (const std::exception& e) {
            // A detached thread must not let anything out (that would end the server): the stream ends.
            log::warn("api.stream_job_failed", {{"error", e.what()}});
        }
        {
            std::lock_guard lock(shared->mutex);
            shared->finished = true;
        }
        shared->wake();
    }).detach();
}

bool BlockingStream::pump(SseStream& out) {
    std::deque<Posted> events;
    bool finished;
    {
        std::lock_guard lock(shared_->mutex);
        events.swap(shared_->events);
        finished = shared_->finished;
    }
    for (const auto& e : events)
        if (!out.event(e.name, std::string_view(e.id), e.data)) return false;
    return !finished;
}

void BlockingStream::end() { stop_(); }

}  // namespace rivetr::api
