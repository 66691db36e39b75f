// Schedules deployments: a global concurrency limit, one at a time per app, newer supersedes older.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runtime/cancel_token.hpp"

namespace rivetr::engine {

struct DeployJob {
    std::string deploymentId;
    std::string appId;
    runtime::CancelToken cancel;  // set when superseded or cancelled; every stage watches it
    std::string cancelReason;     // guarded by the queue's mutex until the job runs
};

class DeployQueue {
public:
    using Runner = std::function<void(DeployJob&)>;
    // Called (outside the lock) for a queued job dropped because a newer one of the same app
    // arrived: it never ran, the caller marks it "replaced".
    using Dropped = std::function<void(const DeployJob&, const std::string& byDeploymentId)>;

    DeployQueue(int workers, Runner runner, Dropped dropped);
    ~DeployQueue();  // cancels what runs, waits for workers
    DeployQueue(const DeployQueue&) = delete;
    DeployQueue& operator=(const DeployQueue&) = delete;

    // Queues the job. A queued job of the same app is dropped; a running one is cancelled
    // (its runner sees job.cancel and stops) and this one waits for it to end.
    void submit(std::shared_ptr<DeployJob> job);

    enum class CancelResult { NotFound, Dequeued, Signalled };
    CancelResult cancel(const std::string& deploymentId, const std::string& reason);

    std::size_t queued() const;
    std::size_t active() const;

private:
    void workerLoop();
    std::shared_ptr<DeployJob> takeRunnable();  // with mutex_ held

    Runner runner_;
    Dropped dropped_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<DeployJob>> queue_;
    std::map<std::string, std::shared_ptr<DeployJob>> running_;  // by app id
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace rivetr::engine
