// A function run on a thread of its own every interval until destroyed: the background passes of `rivetr serve`.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rivetr {

class PeriodicTask {
public:
    enum class First { Now, AfterInterval };
    // `work` must not throw (an escaped exception would end the process from the thread).
    PeriodicTask(std::function<void()> work, std::chrono::milliseconds interval, First first = First::Now);
    // Wakes the thread and waits for it: at most the run in progress is waited for.
    ~PeriodicTask();
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

private:
    std::function<void()> work_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rivetr
