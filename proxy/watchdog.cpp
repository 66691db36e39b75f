// The timer waits for the earliest deadline it knows; later deadlines are picked up when it
// fires (at most once per timeout period per connection), earlier ones re-arm it at once.
#include "proxy/watchdog.hpp"

namespace rivetr::proxy {

struct Watchdog::State {
    explicit State(Executor ex) : timer(ex) {}
    Timer timer;
    Clock::time_point deadline{};
    Clock::time_point waitingUntil = Clock::time_point::max();  // max: no wait pending
    TcpSocket* target = nullptr;                                // armed socket, if any
    std::uint64_t generation = 0;                               // ignores handlers of replaced waits
    bool fired = false;
    bool stopped = false;
};

Watchdog::Watchdog(Executor ex) : s_(std::make_shared<State>(ex)) {}

Watchdog::~Watchdog() {
    s_->stopped = true;
    s_->target = nullptr;
    s_->timer.cancel();
}

void Watchdog::arm(TcpSocket& socket, std::chrono::milliseconds timeout) { arm(socket, Clock::now() + timeout); }

void Watchdog::arm(TcpSocket& socket, Clock::time_point deadline) {
    auto& s = *s_;
    s.target = &socket;
    s.fired = false;
    s.deadline = deadline;
    if (s.deadline < s.waitingUntil) wait(s_, s.deadline);
}

void Watchdog::settle(beast::error_code& ec) {
    if (ec == asio::error::operation_aborted && s_->fired) ec = beast::error::timeout;
    s_->target = nullptr;
}

void Watchdog::disarm() { s_->target = nullptr; }

void Watchdog::wait(const std::shared_ptr<State>& s, Clock::time_point at) {
    s->waitingUntil = at;
    const auto generation = ++s->generation;
    s->timer.expires_at(at);  // a wait already pending completes with operation_aborted and is ignored
    s->timer.async_wait([s, generation](const beast::error_code& ec) {
        if (ec || s->stopped || generation != s->generation) return;
        onTimer(s);
    });
}

void Watchdog::onTimer(const std::shared_ptr<State>& s) {
    s->waitingUntil = Clock::time_point::max();
    if (!s->target) return;  // nothing armed: the next arm() starts a wait
    if (Clock::now() < s->deadline) {
        wait(s, s->deadline);
        return;
    }
    s->fired = true;
    beast::error_code ignored;
    s->target->cancel(ignored);
    s->target = nullptr;
}

}  // namespace rivetr::proxy
