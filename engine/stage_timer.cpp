// A per-stage deadline: when a stage runs too long it cancels the deployment, naming the stage.
#include "engine/stage_timer.hpp"

namespace rivetr::engine {

StageTimer::StageTimer(runtime::CancelToken token, std::string stage, std::chrono::milliseconds limit)
    : token_(std::move(token)), stage_(std::move(stage)), limit_(limit) {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        if (!done_.wait_for(lock, limit_, [&] { return finished_; })) {
            fired_ = true;
            token_.cancel();
        }
    });
}

StageTimer::~StageTimer() {
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
    }
    done_.notify_all();
    thread_.join();
}

bool StageTimer::fired() const {
    std::lock_guard lock(mutex_);
    return fired_;
}

std::string StageTimer::reason() const {
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(limit_).count();
    return stage_ + " exceeded its " + std::to_string(secs) + "s deadline";
}

}  // namespace rivetr::engine
