// Schedules deployments: a global concurrency limit, one at a time per app, newer supersedes older.
#include "engine/deploy_queue.hpp"

#include <algorithm>

#include "core/log.hpp"

namespace rivetr::engine {

DeployQueue::DeployQueue(int workers, Runner runner, Dropped dropped)
    : runner_(std::move(runner)), dropped_(std::move(dropped)) {
    for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { workerLoop(); });
}

DeployQueue::~DeployQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& [app, job] : running_) job->cancel.cancel();
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
}

void DeployQueue::submit(std::shared_ptr<DeployJob> job) {
    std::vector<std::shared_ptr<DeployJob>> superseded;
    {
        std::lock_guard lock(mutex_);
        auto sameApp = [&](const auto& q) { return q->appId == job->appId; };
        std::copy_if(queue_.begin(), queue_.end(), std::back_inserter(superseded), sameApp);
        queue_.erase(std::remove_if(queue_.begin(), queue_.end(), sameApp), queue_.end());
        if (auto it = running_.find(job->appId); it != running_.end()) {
            it->second->cancelReason = "superseded by " + job->deploymentId;
            it->second->cancel.cancel();
        }
        queue_.push_back(job);
    }
    wake_.notify_all();
    for (const auto& s : superseded) dropped_(*s, job->deploymentId);
}

DeployQueue::CancelResult DeployQueue::cancel(const std::string& deploymentId, const std::string& reason) {
    std::lock_guard lock(mutex_);
    auto q = std::find_if(queue_.begin(), queue_.end(), [&](const auto& j) { return j->deploymentId == deploymentId; });
    if (q != queue_.end()) {
        queue_.erase(q);
        return CancelResult::Dequeued;
    }
    for (auto& [app, job] : running_) {
        if (job->deploymentId == deploymentId) {
            job->cancelReason = reason;
            job->cancel.cancel();
            return CancelResult::Signalled;
        }
    }
    return CancelResult::NotFound;
}

std::size_t DeployQueue::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

std::size_t DeployQueue::active() const {
    std::lock_guard lock(mutex_);
    return running_.size();
}

// The oldest queued job whose app has nothing running; apps never run two deployments at once.
std::shared_ptr<DeployJob> DeployQueue::takeRunnable() {
    auto it = std::find_if(queue_.begin(), queue_.end(), [&](const auto& j) { return !running_.count(j->appId); });
    if (it == queue_.end()) return nullptr;
    auto job = *it;
    queue_.erase(it);
    running_[job->appId] = job;
    return job;
}

void DeployQueue::workerLoop() {
    for (;;) {
        std::shared_ptr<DeployJob> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || (job = takeRunnable()); });
            if (!job) return;
        }
        try {
            runner_(*job);
        } catch (const std::exception& e) {
            log::error("engine.runner_escaped", {{"deployment", job->deploymentId}, {"error", e.what()}});
        }
        {
            std::lock_guard lock(mutex_);
            running_.erase(job->appId);
        }
        wake_.notify_all();
    }
}

}  // namespace rivetr::engine
