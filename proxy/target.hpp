// One upstream endpoint of a route: owns its lifecycle state and the requests in flight on it, so draining is exact.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace rivetr::proxy {

struct Endpoint {
    std::string host;  // IP literal or name resolved at connect time
    std::uint16_t port = 0;
    std::string key() const { return host + ":" + std::to_string(port); }
    bool operator==(const Endpoint&) const = default;
};

// Active health check of a target; an empty path disables it.
struct HealthCheckSpec {
    std::string path;
    std::chrono::milliseconds interval{2000};
    std::chrono::milliseconds timeout{1000};
    int healthyThreshold = 1;
    int unhealthyThreshold = 3;
    bool enabled() const { return !path.empty(); }
    bool operator==(const HealthCheckSpec&) const = default;
};

enum class TargetState { adding, healthy, unhealthy, draining, gone };
const char* toString(TargetState s);

class Target : public std::enable_shared_from_this<Target> {
public:
    // Releases its slot on destruction; a request holds one for its whole life.
    class Lease {
    public:
        Lease() = default;
        explicit Lease(std::shared_ptr<Target> t) : target_(std::move(t)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&& o) noexcept;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { release(); }
        Target* operator->() const { return target_.get(); }
        Target* get() const { return target_.get(); }
        explicit operator bool() const { return target_ != nullptr; }
        void release();

    private:
        std::shared_ptr<Target> target_;
    };

    Target(std::string owner, Endpoint endpoint, HealthCheckSpec health);
    Target(const Target&) = delete;
    Target& operator=(const Target&) = delete;

    const std::string& owner() const { return owner_; }  // app id or external domain
    const Endpoint& endpoint() const { return endpoint_; }
    const std::string& key() const { return key_; }
    const HealthCheckSpec& health() const { return health_; }
    TargetState state() const { return state_.load(std::memory_order_acquire); }
    std::size_t inFlight() const { return inFlight_.load(std::memory_order_acquire); }

    // Admission for a new request: fails once draining (or when passively marked down).
    Lease tryAcquire();
    // Whether the picker should consider this target at all right now.
    bool eligible() const;

    // Health reports (active checker) and passive failure marking (connect errors).
    void reportCheck(bool ok);
    void markConnectFailure();
    void markConnectSuccess();
    void activate();  // adding -> healthy, when no active check gates it

    // WebSocket/upgraded tunnels: closed at once when draining starts (they would hold the drain forever).
    using CancelFn = std::function<void()>;
    std::uint64_t registerUpgraded(CancelFn cancel);
    void unregisterUpgraded(std::uint64_t id);

    // Stops admission, cancels tunnels; the future resolves when the last request leaves or at
    // `deadline`, whichever is first (the caller arranges the deadline with forceDrained()).
    std::shared_future<void> beginDrain();
    void forceDrained();  // deadline passed: report drained even if requests remain
    std::shared_future<void> drained() const { return drainedFuture_; }

private:
    void releaseSlot();
    void finishDrain();

    const std::string owner_;
    const Endpoint endpoint_;
    const std::string key_;
    const HealthCheckSpec health_;
    std::atomic<TargetState> state_{TargetState::adding};
    std::atomic<std::size_t> inFlight_{0};
    std::atomic<int> okStreak_{0};
    std::atomic<int> failStreak_{0};
    std::atomic<std::int64_t> passiveDownUntilMs_{0};
    std::atomic<bool> drainDone_{false};
    std::promise<void> drainedPromise_;
    std::shared_future<void> drainedFuture_;
    std::mutex upgradedMu_;
    std::uint64_t nextUpgradedId_ = 1;
    std::unordered_map<std::uint64_t, CancelFn> upgraded_;
};

}  // namespace rivetr::proxy
