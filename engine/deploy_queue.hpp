// Schedules engine jobs: a global concurrency limit, one job at a time per app, a newer deployment supersedes an older one.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/non_copyable.hpp"
#include "engine/app_action.hpp"
#include "runtime/cancel_token.hpp"

namespace rivetr::engine {

// Anything that changes what runs for an app: a deployment, or a start/stop/restart of its live
// container. All of an app's jobs run one at a time, in the order they were submitted.
struct Job {
    std::optional<AppAction> action;  // unset: a deployment
    // A redeploy (the live image with the current env): it supersedes nothing, it waits behind the
    // app's deployments, since one that builds new code must not be cancelled for the old image.
    bool waitsItsTurn = false;
    std::string id;                   // the deployment's id, or the action's ("act_…")
    std::string appId;
    runtime::CancelToken cancel;  // set when superseded, cancelled or past its deadline; every stage watches it
    std::string cancelReason;     // guarded by the queue's mutex until the job runs
    std::promise<ActionOutcome> outcome;  // actions: set by their runner

    bool isDeployment() const { return !action; }
};

// The cancel reason of jobs still running when the queue is destroyed (the server stops).
inline constexpr const char* kShutdownReason = "rivetr is shutting down";

class DeployQueue : NonCopyable {
public:
    using Runner = std::function<void(Job&)>;
    // Called (outside the lock) for a queued deployment dropped because a newer one of the same
    // app arrived: it never ran, the caller marks it "replaced".
    using Dropped = std::function<void(const Job&, const std::string& byDeploymentId)>;

    DeployQueue(int workers, Runner runner, Dropped dropped);
    ~DeployQueue();  // cancels what runs, waits for workers

    // Queues the job behind the app's earlier jobs. A deployment supersedes the app's older
    // deployments: a queued one is dropped, a running one is cancelled (its runner sees job.cancel
    // and stops). Actions and redeploys (waitsItsTurn) supersede nothing and wait their turn;
    // actions are never dropped, a queued redeploy is dropped by a newer deployment.
    void submit(std::shared_ptr<Job> job);

    enum class CancelResult { NotFound, Dequeued, Signalled };
    CancelResult cancel(const std::string& jobId, const std::string& reason);

    std::size_t queued() const;
    std::size_t active() const;

private:
    void workerLoop();
    std::shared_ptr<Job> takeRunnable();  // with mutex_ held

    Runner runner_;
    Dropped dropped_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Job>> queue_;
    std::map<std::string, std::shared_ptr<Job>> running_;  // by app id
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace rivetr::engine
