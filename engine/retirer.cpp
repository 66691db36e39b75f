// Stops and removes replaced containers in the background, only after the proxy drained them.
#include "engine/retirer.hpp"

#include "core/log.hpp"

namespace rivetr::engine {

Retirer::Retirer(RuntimeGetter runtime, std::chrono::seconds stopGrace)
    : runtime_(std::move(runtime)), grace_(stopGrace), thread_([this] { loop(); }) {}

Retirer::~Retirer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Retirer::retire(std::string containerId, std::shared_future<void> drained) {
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back({std::move(containerId), std::move(drained)});
    }
    wake_.notify_all();
}

void Retirer::waitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [&] { return tasks_.empty() && !busy_; });
}

void Retirer::loop() {
    for (;;) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
            if (stopping_) return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
            busy_ = true;
        }
        // The drain has its own deadline in the proxy; poll so shutdown is not held up by it.
        while (task.drained.valid() && task.drained.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
        }
        try {
            if (auto rt = runtime_()) {
                rt->stopContainer(task.containerId, grace_);
                rt->removeContainer(task.containerId);
                log::info("engine.container_retired", {{"container", task.containerId}});
            }
        } catch (const std::exception& e) {
            log::warn("engine.retire_failed", {{"container", task.containerId}, {"error", e.what()}});
        }
        {
            std::lock_guard lock(mutex_);
            busy_ = false;
        }
        idle_.notify_all();
    }
}

}  // namespace rivetr::engine
