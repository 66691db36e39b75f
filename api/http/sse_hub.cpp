// Serves every open SSE stream from one thread, so a long-lived stream never holds an API worker.
#include "api/http/sse_hub.hpp"

#include <atomic>

#include "core/log.hpp"

namespace rivetr::api {

// Shared with every producer's wake function, so a late wake (an event published while the
// stream was ending) touches memory that is still alive.
struct SseHub::Signal {
    std::mutex mutex;
    std::condition_variable cv;
    bool pending = false;
    void raise() {
        {
            std::lock_guard lock(mutex);
            pending = true;
        }
        cv.notify_one();
    }
};

struct SseHub::Entry {
    std::shared_ptr<SseStream> stream;
    std::shared_ptr<StreamProducer> producer;
    std::shared_ptr<std::atomic<bool>> dirty = std::make_shared<std::atomic<bool>>(true);
    std::chrono::steady_clock::time_point lastWrite = std::chrono::steady_clock::now();
    bool begun = false;
};

SseHub::SseHub(SseHubOptions options) : options_(options), signal_(std::make_shared<Signal>()) {
    thread_ = std::thread([this] { loop(); });
}

SseHub::~SseHub() { stop(); }

void SseHub::adopt(std::shared_ptr<SseStream> stream, std::shared_ptr<StreamProducer> producer) {
    if (!stream) return;
    auto e = std::make_shared<Entry>();
    e->stream = std::move(stream);
    e->producer = std::move(producer);
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            incoming_.push_back(e);
            ++open_;
            e.reset();
        }
    }
    if (e) {
        e->stream->close();
        return;
    }
    signal_->raise();
}

void SseHub::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    signal_->raise();
    if (thread_.joinable()) thread_.join();
}

std::size_t SseHub::openStreams() const {
    std::lock_guard lock(mutex_);
    return open_;
}

namespace {

void finish(StreamProducer& producer, SseStream& stream) {
    try {
        producer.end();
    } catch (const std::exception& e) {
        log::warn("api.stream_end_failed", {{"error", e.what()}});
    }
    stream.close();
}

}  // namespace

// One pass over the streams: begin new ones, pump the woken (or all, when the poll is due), ping
// the idle, and drop those that finished or whose client left.
void SseHub::serve(std::vector<std::shared_ptr<Entry>>& entries, bool pollDue) {
    auto now = std::chrono::steady_clock::now();
    std::size_t ended = 0;
    for (auto& e : entries) {
        bool keep = e->stream->open();
        try {
            if (keep && !e->begun) {
                e->begun = true;
                auto signal = signal_;
                auto dirty = e->dirty;
                e->producer->begin([signal, dirty] {
                    dirty->store(true);
                    signal->raise();
                });
            }
            if (keep) keep = e->stream->flushPending();
            if (keep && (e->dirty->exchange(false) || pollDue)) keep = e->producer->pump(*e->stream);
            if (keep && now - e->lastWrite >= options_.ping) {
                keep = e->stream->comment("ping");
                e->lastWrite = now;
            }
        } catch (const std::exception& ex) {
            log::warn("api.stream_failed", {{"error", ex.what()}});
            keep = false;
        }
        if (!keep) {
            finish(*e->producer, *e->stream);
            e.reset();
            ++ended;
        }
    }
    std::erase(entries, nullptr);
    if (ended) {
        std::lock_guard lock(mutex_);
        open_ -= ended;
    }
}

void SseHub::loop() {
    std::vector<std::shared_ptr<Entry>> entries;
    auto nextPoll = std::chrono::steady_clock::now() + options_.poll;
    while (true) {
        {
            std::unique_lock lock(signal_->mutex);
            signal_->cv.wait_until(lock, nextPoll, [&] { return signal_->pending; });
            signal_->pending = false;
        }
        bool stopping;
        {
            std::lock_guard lock(mutex_);
            stopping = stopping_;
            for (auto& e : incoming_) entries.push_back(std::move(e));
            incoming_.clear();
        }
        if (stopping) break;
        bool pollDue = std::chrono::steady_clock::now() >= nextPoll;
        if (pollDue) nextPoll = std::chrono::steady_clock::now() + options_.poll;
        serve(entries, pollDue);
    }
    for (auto& e : entries) finish(*e->producer, *e->stream);
    std::lock_guard lock(mutex_);
    open_ = 0;
}

}  // namespace rivetr::api
