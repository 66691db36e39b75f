// Back-off per account for wrong second-factor codes. The per-address failure budget alone lets
// whoever holds a password guess codes from as many addresses as they have; this one counts the
// guesses against the account itself, wherever they come from.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/auth/rate_limiter.hpp"  // RateClock

namespace rivetr::api {

struct LockoutOptions {
    int freeFailures = 5;                     // consecutive wrong codes before the first lock (typos)
    std::chrono::seconds firstLock{30};       // then doubled with each further wrong code ...
    std::chrono::seconds maxLock{3600};       // ... up to this: ~30 guesses a day instead of 14,400
    std::chrono::seconds forgetAfter{86400};  // a day without a wrong code starts the count afresh
};

class AccountLockout {
public:
    explicit AccountLockout(LockoutOptions o = {}) : o_(o) {}

    // nullopt: the account may try a code now; else how long until it may.
    std::optional<std::chrono::seconds> locked(const std::string& account, RateClock::time_point now = RateClock::now());
    // A wrong code. Returns the lock it started, nullopt while still within the free failures.
    std::optional<std::chrono::seconds> recordFailure(const std::string& account, RateClock::time_point now = RateClock::now());
    // A right code ends the count.
    void recordSuccess(const std::string& account);

private:
    struct State {
        int failures = 0;
        RateClock::time_point lastFailure{};
        RateClock::time_point lockedUntil{};
    };
    void forgetStale(RateClock::time_point now);

    LockoutOptions o_;
    std::mutex mutex_;
    std::unordered_map<std::string, State> accounts_;  // only accounts whose password was right
};

}  // namespace rivetr::api
