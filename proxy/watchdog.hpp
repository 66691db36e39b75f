// Timeouts for one connection's I/O with one lazily re-armed timer: arming is a store, not a timer operation (per-operation timers cost ~3k instructions a request).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "core/non_copyable.hpp"
#include "proxy/asio.hpp"

namespace rivetr::proxy {

// Usage: arm(socket, timeout); co_await <operation on socket>; settle(ec). When the deadline
// passes first, the socket's pending operations are cancelled and settle() turns their
// operation_aborted into beast::error::timeout. One session (one thread) uses it at a time.
class Watchdog : NonCopyable {
public:
    explicit Watchdog(Executor ex);
    ~Watchdog();

    void arm(TcpSocket& socket, std::chrono::milliseconds timeout);
    // The same with an absolute deadline, for a phase spanning several operations (a whole header).
    void arm(TcpSocket& socket, std::chrono::steady_clock::time_point deadline);
    // Ends the armed period (the socket may go away now); maps a cancellation by the deadline to timeout.
    void settle(beast::error_code& ec);
    // Ends the armed period without an operation to report on.
    void disarm();

private:
    using Clock = std::chrono::steady_clock;
    struct State;
    static void wait(const std::shared_ptr<State>& s, Clock::time_point at);
    static void onTimer(const std::shared_ptr<State>& s);
    // Shared with the pending timer handler, which may run after the session is gone.
    std::shared_ptr<State> s_;
};

}  // namespace rivetr::proxy
