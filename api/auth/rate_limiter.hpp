// Token-bucket rate limits: per principal (token or user), per client address for anonymous
// requests, and a tight per-address budget of failed authentications (login brute force).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace rivetr::api {

struct RateLimitOptions {
    bool enabled = true;
    double principalPerMinute = 1200;  // a busy dashboard or CI script stays far below
    double principalBurst = 600;
    double anonymousPerMinute = 600;   // health probes, webhooks, dashboard assets per address
    double anonymousBurst = 300;
    double failedAuthPerMinute = 10;   // wrong passwords/tokens/codes per address
    double failedAuthBurst = 10;
};

using RateClock = std::chrono::steady_clock;

// One limit applied to many keys. Buckets that refilled completely are forgotten, so memory stays
// bounded by the keys active within one refill period.
class TokenBuckets {
public:
    TokenBuckets(double perMinute, double burst) : perSecond_(perMinute / 60.0), burst_(burst) {}
    // Takes one token; nullopt when allowed, else how long until one is available.
    std::optional<std::chrono::seconds> take(const std::string& key, RateClock::time_point now);
    // Like take() but only looks: for budgets spent by failures, checked before the attempt.
    std::optional<std::chrono::seconds> check(const std::string& key, RateClock::time_point now);
    void spend(const std::string& key, RateClock::time_point now);
    std::size_t size();

private:
    struct Bucket {
        double tokens;
        RateClock::time_point updated;
    };
    Bucket& refill(const std::string& key, RateClock::time_point now);
    std::chrono::seconds waitFor(const Bucket& b) const;
    void prune(RateClock::time_point now);

    double perSecond_;
    double burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
    RateClock::time_point lastPrune_{};
};

class RateLimiter {
public:
    explicit RateLimiter(RateLimitOptions o = {})
        : options_(o),
          principals_(o.principalPerMinute, o.principalBurst),
          anonymous_(o.anonymousPerMinute, o.anonymousBurst),
          failures_(o.failedAuthPerMinute, o.failedAuthBurst) {}

    // Each spends one token and answers nullopt when the request may go on, else the Retry-After
    // of its refusal (the name says it: a value means "throttled").
    std::optional<std::chrono::seconds> throttlePrincipal(const std::string& principal, RateClock::time_point now = RateClock::now());
    // An address that spent its failure budget is refused outright, before any password is hashed.
    std::optional<std::chrono::seconds> throttleAnonymous(const std::string& address, RateClock::time_point now = RateClock::now());
    void recordFailure(const std::string& address, RateClock::time_point now = RateClock::now());
    // The failure budget alone, for keys other than addresses (a user's second-factor attempts).
    std::optional<std::chrono::seconds> checkFailures(const std::string& key, RateClock::time_point now = RateClock::now());

private:
    RateLimitOptions options_;
    TokenBuckets principals_;
    TokenBuckets anonymous_;
    TokenBuckets failures_;
};

}  // namespace rivetr::api
