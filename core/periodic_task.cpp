// A function run on a thread of its own every interval until destroyed.
#include "core/periodic_task.hpp"

namespace rivetr {

PeriodicTask::PeriodicTask(std::function<void()> work, std::chrono::milliseconds interval, First first)
    : work_(std::move(work)), interval_(interval) {
    thread_ = std::thread([this, wait = first == First::AfterInterval] {
        std::unique_lock lock(mutex_);
        if (wait) wake_.wait_for(lock, interval_, [this] { return stopping_; });
        while (!stopping_) {
            lock.unlock();
            work_();
            lock.lock();
            wake_.wait_for(lock, interval_, [this] { return stopping_; });
        }
    });
}

PeriodicTask::~PeriodicTask() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

}  // namespace rivetr
