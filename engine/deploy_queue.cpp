// Schedules engine jobs: a global concurrency limit, one job at a time per app, a newer deployment supersedes an older one.
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
        // Said like the other reasons ("superseded by …", "cancelled by request"): the deployment
        // ends "cancelled: rivetr is shutting down", not a bare "cancelled" nobody can explain.
        for (auto& [app, job] : running_) {
            job->cancelReason = kShutdownReason;
            job->cancel.cancel();
        }
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
}

void DeployQueue::submit(std::shared_ptr<Job> job) {
    std::vector<std::shared_ptr<Job>> superseded;
    {
        std::lock_guard lock(mutex_);
        if (job->isDeployment() && !job->waitsItsTurn) {
            auto olderDeployment = [&](const auto& q) { return q->appId == job->appId && q->isDeployment(); };
            std::copy_if(queue_.begin(), queue_.end(), std::back_inserter(superseded), olderDeployment);
            queue_.erase(std::remove_if(queue_.begin(), queue_.end(), olderDeployment), queue_.end());
            if (auto it = running_.find(job->appId); it != running_.end() && it->second->isDeployment()) {
                it->second->cancelReason = "superseded by " + job->id;
                it->second->cancel.cancel();
            }
        }
        queue_.push_back(job);
    }
    wake_.notify_all();
    for (const auto& s : superseded) dropped_(*s, job->id);
}

DeployQueue::CancelResult DeployQueue::cancel(const std::string& jobId, const std::string& reason) {
    std::lock_guard lock(mutex_);
    auto q = std::find_if(queue_.begin(), queue_.end(), [&](const auto& j) { return j->id == jobId; });
    if (q != queue_.end()) {
        queue_.erase(q);
        return CancelResult::Dequeued;
    }
    for (auto& [app, job] : running_) {
        if (job->id == jobId) {
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

// The oldest queued job whose app has nothing running; an app never runs two jobs at once.
std::shared_ptr<Job> DeployQueue::takeRunnable() {
    auto it = std::find_if(queue_.begin(), queue_.end(), [&](const auto& j) { return !running_.count(j->appId); });
    if (it == queue_.end()) return nullptr;
    auto job = *it;
    queue_.erase(it);
    running_[job->appId] = job;
    return job;
}

void DeployQueue::workerLoop() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || (job = takeRunnable()); });
            if (!job) return;
        }
        try {
            runner_(*job);
        } catch (const std::exception& e) {
            log::error("engine.runner_escaped", {{"job", job->id}, {"error", e.what()}});
        }
        {
            std::lock_guard lock(mutex_);
            running_.erase(job->appId);
        }
        wake_.notify_all();
    }
}

}  // namespace rivetr::engine
