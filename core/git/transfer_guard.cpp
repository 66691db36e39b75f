// Deadline, stall timeout and cancellation for one fetch: libgit2 1.5 has no network timeouts, so
// every callback and our socket stream ask this guard whether to go on.
#include "core/git/transfer_guard.hpp"

#include <git2.h>
#include <sys/socket.h>

#include <algorithm>

namespace rivetr::git {
namespace {
thread_local TransferGuard* tlsCurrent = nullptr;

std::string seconds(std::chrono::milliseconds ms) {
    return std::to_string(ms.count() / 1000) + "." + std::to_string((ms.count() % 1000) / 100) + " s";
}
}  // namespace

TransferGuard::TransferGuard(std::chrono::milliseconds deadline, std::chrono::milliseconds stall,
                             const std::atomic<bool>* cancel)
    : start_(Clock::now()), deadline_(start_ + deadline), stall_(stall), cancel_(cancel),
      lastProgress_(start_.time_since_epoch().count()) {}

void TransferGuard::noteProgress() { lastProgress_.store(Clock::now().time_since_epoch().count()); }

bool TransferGuard::evaluate() {
    std::lock_guard lock(mutex_);
    if (reason_) return true;
    auto now = Clock::now();
    auto last = Clock::time_point(Clock::duration(lastProgress_.load()));
    if (cancel_ && cancel_->load()) {
        reason_.emplace(SourceErrorKind::Cancelled, "fetch cancelled");
    } else if (now >= deadline_) {
        auto total = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - start_);
        reason_.emplace(SourceErrorKind::TimedOut, "fetch exceeded its deadline of " + seconds(total));
    } else if (now - last >= stall_) {
        reason_.emplace(SourceErrorKind::TimedOut, "fetch stalled: no data from the server for " + seconds(stall_));
    }
    return reason_.has_value();
}

int TransferGuard::check() {
    if (!evaluate()) return 0;
    git_error_set_str(GIT_ERROR_NET, stopReason()->what());
    return -1;
}

void TransferGuard::attachSocket(int fd) {
    std::lock_guard lock(mutex_);
    sockets_.push_back(fd);
}

void TransferGuard::detachSocket(int fd) {
    std::lock_guard lock(mutex_);
    sockets_.erase(std::remove(sockets_.begin(), sockets_.end(), fd), sockets_.end());
}

void TransferGuard::shutdownSockets() {
    std::lock_guard lock(mutex_);
    for (int fd : sockets_) ::shutdown(fd, SHUT_RDWR);
}

TransferGuard::Watchdog::Watchdog(TransferGuard& guard) : guard_(guard) {
    guard_.noteProgress();  // a fetch starts with a fresh stall clock
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, guard_.pollSlice(), [this] { return stop_; })) {
            if (guard_.evaluate()) {
                guard_.shutdownSockets();
                return;
            }
        }
    });
}

TransferGuard::Watchdog::~Watchdog() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::chrono::milliseconds TransferGuard::pollSlice() const {
    return std::clamp(stall_ / 4, std::chrono::milliseconds(20), std::chrono::milliseconds(250));
}

std::optional<SourceError> TransferGuard::stopReason() const {
    std::lock_guard lock(mutex_);
    return reason_;
}

TransferGuard* TransferGuard::current() { return tlsCurrent; }

TransferGuard::Scope::Scope(TransferGuard& guard) : previous_(tlsCurrent) { tlsCurrent = &guard; }
TransferGuard::Scope::~Scope() { tlsCurrent = previous_; }

}  // namespace rivetr::git
