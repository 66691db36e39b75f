// A per-stage deadline: when a stage runs too long it cancels the deployment, naming the stage.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/non_copyable.hpp"
#include "runtime/cancel_token.hpp"

namespace rivetr::engine {

// No deployment may stay non-terminal forever (coolify#6579): every stage runs under one.
class StageTimer : NonCopyable {
public:
    StageTimer(runtime::CancelToken token, std::string stage, std::chrono::milliseconds limit);
    ~StageTimer();  // stops the timer; the stage finished in time or failed on its own

    bool fired() const;
    std::string reason() const;  // "building exceeded its 30m deadline"

private:
    runtime::CancelToken token_;
    std::string stage_;
    std::chrono::milliseconds limit_;
    mutable std::mutex mutex_;
    std::condition_variable done_;
    bool finished_ = false;
    bool fired_ = false;
    std::thread thread_;
};

}  // namespace rivetr::engine
