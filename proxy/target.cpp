// Target lifecycle: adding -> healthy <-> unhealthy -> draining -> gone, with an exact in-flight count.
#include "proxy/target.hpp"

#include <vector>

namespace rivetr::proxy {
namespace {
// After a connect failure a target without active checks rests this long, then gets tried again.
constexpr std::int64_t kPassiveCooldownMs = 5000;
constexpr int kPassiveFailuresToMarkDown = 1;

std::int64_t steadyMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
}  // namespace

const char* toString(TargetState s) {
    switch (s) {
        case TargetState::adding: return "adding";
        case TargetState::healthy: return "healthy";
        case TargetState::unhealthy: return "unhealthy";
        case TargetState::draining: return "draining";
        case TargetState::gone: return "gone";
    }
    return "unknown";
}

Target::Lease& Target::Lease::operator=(Lease&& o) noexcept {
    if (this != &o) {
        release();
        target_ = std::move(o.target_);
    }
    return *this;
}

void Target::Lease::release() {
    if (target_) {
        target_->releaseSlot();
        target_.reset();
    }
}

Target::Target(std::string owner, Endpoint endpoint, HealthCheckSpec health)
    : owner_(std::move(owner)),
      endpoint_(std::move(endpoint)),
      key_(endpoint_.key()),
      health_(std::move(health)),
      drainedFuture_(drainedPromise_.get_future().share()) {}

bool Target::eligible() const {
    auto s = state();
    if (s == TargetState::healthy) {
        return passiveDownUntilMs_.load(std::memory_order_relaxed) <= steadyMs();
    }
    return false;
}

Target::Lease Target::tryAcquire() {
    // Count first, then check state: beginDrain sets the state first, then reads the count, so
    // either we see draining or the drainer sees us (sequentially consistent atomics).
    inFlight_.fetch_add(1);
    auto s = state_.load();
    if (s == TargetState::draining || s == TargetState::gone) {
        releaseSlot();
        return Lease{};
    }
    return Lease{shared_from_this()};
}

void Target::releaseSlot() {
    if (inFlight_.fetch_sub(1) == 1) {
        auto s = state_.load();
        if (s == TargetState::draining) finishDrain();
    }
}

void Target::activate() {
    auto expected = TargetState::adding;
    state_.compare_exchange_strong(expected, TargetState::healthy);
}

void Target::reportCheck(bool ok) {
    auto s = state();
    if (s == TargetState::draining || s == TargetState::gone) return;
    if (ok) {
        failStreak_ = 0;
        if (++okStreak_ >= health_.healthyThreshold) {
            passiveDownUntilMs_ = 0;
            auto expected = s;
            state_.compare_exchange_strong(expected, TargetState::healthy);
        }
    } else {
        okStreak_ = 0;
        if (++failStreak_ >= health_.unhealthyThreshold) {
            auto expected = s;
            state_.compare_exchange_strong(expected, TargetState::unhealthy);
        }
    }
}

void Target::markConnectFailure() {
    // Passive marking: a refused connect takes the target out of rotation briefly; an active
    // check (when configured) decides when it comes back sooner.
    if (++failStreak_ >= kPassiveFailuresToMarkDown) {
        passiveDownUntilMs_ = steadyMs() + kPassiveCooldownMs;
    }
}

void Target::markConnectSuccess() {
    if (failStreak_.load(std::memory_order_relaxed) != 0) failStreak_ = 0;
    if (passiveDownUntilMs_.load(std::memory_order_relaxed) != 0) passiveDownUntilMs_ = 0;
}

std::uint64_t Target::registerUpgraded(CancelFn cancel) {
    std::lock_guard lock(upgradedMu_);
    auto id = nextUpgradedId_++;
    upgraded_.emplace(id, std::move(cancel));
    auto s = state();
    if (s == TargetState::draining || s == TargetState::gone) {
        // Upgraded after the drain began: close it now as well.
        auto fn = std::move(upgraded_[id]);
        upgraded_.erase(id);
        fn();
    }
    return id;
}

void Target::unregisterUpgraded(std::uint64_t id) {
    std::lock_guard lock(upgradedMu_);
    upgraded_.erase(id);
}

std::shared_future<void> Target::beginDrain() {
    auto s = state_.load();
    while (s != TargetState::draining && s != TargetState::gone) {
        if (state_.compare_exchange_weak(s, TargetState::draining)) break;
    }
    std::vector<CancelFn> cancels;
    {
        std::lock_guard lock(upgradedMu_);
        for (auto& [id, fn] : upgraded_) cancels.push_back(std::move(fn));
        upgraded_.clear();
    }
    for (auto& fn : cancels) fn();
    if (inFlight_.load() == 0) finishDrain();
    return drainedFuture_;
}

void Target::forceDrained() { finishDrain(); }

void Target::finishDrain() {
    if (drainDone_.exchange(true)) return;
    state_ = TargetState::gone;
    drainedPromise_.set_value();
}

}  // namespace rivetr::proxy
