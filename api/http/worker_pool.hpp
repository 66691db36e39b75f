// A fixed pool of threads that runs API handlers off Pistache's reactor threads (which must never block).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/non_copyable.hpp"


namespace rivetr::api {

class WorkerPool : NonCopyable {
public:
    explicit WorkerPool(int threads);
    ~WorkerPool();  // runs what is queued, then joins

    void post(std::function<void()> job);
    // Queues `job` unless `maxQueued` jobs already wait; false when it was dropped (work that may
    // be lost but must never pile up, such as what unauthenticated requests cause).
    bool tryPost(std::function<void()> job, std::size_t maxQueued);

private:
    void loop();
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace rivetr::api
