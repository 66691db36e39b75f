// Back-off per account for wrong second-factor codes. The per-address failure budget alone lets
// whoever holds a password guess codes from as many addresses as they have; this one counts the
// guesses against the account itself, wherever they come from.
#include "api/auth/account_lockout.hpp"

#include <algorithm>

namespace rivetr::api {
namespace {

std::chrono::seconds ceilSeconds(RateClock::duration d) {
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(d));
}

}  // namespace

void AccountLockout::forgetStale(RateClock::time_point now) {
    std::erase_if(accounts_, [&](const auto& kv) {
        return now >= kv.second.lockedUntil && now - kv.second.lastFailure >= o_.forgetAfter;
    });
}

std::optional<std::chrono::seconds> AccountLockout::locked(const std::string& account, RateClock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(account);
    if (it == accounts_.end() || now >= it->second.lockedUntil) return std::nullopt;
    return ceilSeconds(it->second.lockedUntil - now);
}

std::optional<std::chrono::seconds> AccountLockout::recordFailure(const std::string& account, RateClock::time_point now) {
    std::lock_guard lock(mutex_);
    forgetStale(now);
    auto& s = accounts_[account];
    s.failures += 1;
    s.lastFailure = now;
    int over = s.failures - o_.freeFailures;
    if (over < 0) return std::nullopt;
    // firstLock * 2^over, computed without overflowing the shift for a long-running attack.
    auto wait = over >= 20 ? o_.maxLock : std::min<std::chrono::seconds>(o_.maxLock, o_.firstLock * (1 << over));
    s.lockedUntil = now + wait;
    return wait;
}

void AccountLockout::recordSuccess(const std::string& account) {
    std::lock_guard lock(mutex_);
    accounts_.erase(account);
}

}  // namespace rivetr::api
