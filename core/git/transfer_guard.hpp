// Deadline, stall timeout and cancellation for one fetch: libgit2 1.5 has no network timeouts, so
// every callback and our socket stream ask this guard whether to go on.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/git/source.hpp"
#include "core/non_copyable.hpp"

namespace rivetr::git {

class TransferGuard {
public:
    using Clock = std::chrono::steady_clock;
    TransferGuard(std::chrono::milliseconds deadline, std::chrono::milliseconds stall,
                  const std::atomic<bool>* cancel);

    // Any sign of life from the server (bytes, objects, sideband text) restarts the stall clock.
    void noteProgress();
    // 0 to go on; otherwise records why, sets libgit2's error message and returns -1.
    int check();
    // How long a blocking socket wait may last before check() must run again.
    std::chrono::milliseconds pollSlice() const;
    // The reason check() stopped the transfer, if it did.
    std::optional<SourceError> stopReason() const;

    // Sockets of the running fetch: the watchdog shuts them down when the transfer must stop, which
    // wakes a transport blocked inside a library (libssh2 reads the descriptor itself).
    void attachSocket(int fd);
    void detachSocket(int fd);

    // While alive, a thread checks the guard every poll slice and shuts the attached sockets down
    // once it says stop.
    class Watchdog : NonCopyable {
    public:
        explicit Watchdog(TransferGuard& guard);
        ~Watchdog();

    private:
        TransferGuard& guard_;
        std::mutex mutex_;
        std::condition_variable wake_;
        bool stop_ = false;
        std::thread thread_;
    };

    // The guard of the fetch running on this thread (our socket stream finds it here).
    static TransferGuard* current();

    // Installs `guard` as current() for the scope.
    class Scope : NonCopyable {
    public:
        explicit Scope(TransferGuard& guard);
        ~Scope();

    private:
        TransferGuard* previous_;
    };

private:
    bool evaluate();  // records a stop reason when one applies; true when stopped
    void shutdownSockets();

    Clock::time_point start_;
    Clock::time_point deadline_;
    std::chrono::milliseconds stall_;
    const std::atomic<bool>* cancel_;
    std::atomic<Clock::rep> lastProgress_;
    mutable std::mutex mutex_;
    std::optional<SourceError> reason_;
    std::vector<int> sockets_;
};

}  // namespace rivetr::git
