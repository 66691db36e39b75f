// Token-bucket rate limits: per principal (token or user), per client address for anonymous
// requests, and a tight per-address budget of failed authentications (login brute force).
#include "api/auth/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace rivetr::api {
namespace {

// Refill arithmetic in doubles lands a hair under whole tokens (10/min * 6 s = 0.99999...).
constexpr double kSlack = 1e-9;

}  // namespace

TokenBuckets::Bucket& TokenBuckets::refill(const std::string& key, RateClock::time_point now) {
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
    auto& b = it->second;
    if (!fresh && now > b.updated) {
        double elapsed = std::chrono::duration<double>(now - b.updated).count();
        b.tokens = std::min(burst_, b.tokens + elapsed * perSecond_);
        b.updated = now;
    }
    return b;
}

std::chrono::seconds TokenBuckets::waitFor(const Bucket& b) const {
    double missing = 1.0 - b.tokens;
    auto secs = perSecond_ > 0 ? std::ceil(missing / perSecond_ - kSlack) : 3600.0;
    return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(secs)));
}

void TokenBuckets::prune(RateClock::time_point now) {
    if (now - lastPrune_ < std::chrono::seconds(60)) return;
    lastPrune_ = now;
    auto fullAfter = std::chrono::duration<double>(perSecond_ > 0 ? burst_ / perSecond_ : 3600.0);
    std::erase_if(buckets_, [&](const auto& kv) { return now - kv.second.updated >= fullAfter; });
}

std::optional<std::chrono::seconds> TokenBuckets::take(const std::string& key, RateClock::time_point now) {
    std::lock_guard lock(mutex_);
    prune(now);
    auto& b = refill(key, now);
    if (b.tokens < 1.0 - kSlack) return waitFor(b);
    b.tokens = std::max(0.0, b.tokens - 1.0);
    return std::nullopt;
}

std::optional<std::chrono::seconds> TokenBuckets::check(const std::string& key, RateClock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(key);
    if (it == buckets_.end()) return std::nullopt;
    auto& b = refill(key, now);
    if (b.tokens < 1.0 - kSlack) return waitFor(b);
    return std::nullopt;
}

void TokenBuckets::spend(const std::string& key, RateClock::time_point now) {
    std::lock_guard lock(mutex_);
    prune(now);
    auto& b = refill(key, now);
    b.tokens = std::max(0.0, b.tokens - 1.0);
}

std::size_t TokenBuckets::size() {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

std::optional<std::chrono::seconds> RateLimiter::throttlePrincipal(const std::string& principal, RateClock::time_point now) {
    if (!options_.enabled) return std::nullopt;
    return principals_.take(principal, now);
}

std::optional<std::chrono::seconds> RateLimiter::throttleAnonymous(const std::string& address, RateClock::time_point now) {
    if (!options_.enabled) return std::nullopt;
    if (auto wait = failures_.check(address, now)) return wait;
    return anonymous_.take(address, now);
}

void RateLimiter::recordFailure(const std::string& address, RateClock::time_point now) {
    if (options_.enabled) failures_.spend(address, now);
}

std::optional<std::chrono::seconds> RateLimiter::checkFailures(const std::string& key, RateClock::time_point now) {
    if (!options_.enabled) return std::nullopt;
    return failures_.check(key, now);
}

}  // namespace rivetr::api
