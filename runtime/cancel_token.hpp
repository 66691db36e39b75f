// A shared flag that stops a long runtime call (build, logs, events, stats, wait) from another thread.
#pragma once

#include <atomic>
#include <memory>

namespace rivetr::runtime {

// Copies share one flag: hand a copy to the call, keep one to cancel. Cancelling is permanent and
// checked by the adapter at least once a second (curl's progress callback), so a cancelled stream
// ends within about a second and the call throws RuntimeError{Cancelled}.
class CancelToken {
public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { flag_->store(true); }
    bool cancelled() const { return flag_->load(); }
    // The flag itself, for APIs that poll an atomic (libgit2's transfer callbacks).
    const std::atomic<bool>* flag() const { return flag_.get(); }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace rivetr::runtime
