// Runs work on the Pistache reactor thread that owns a connection.
#include "api/http/connection_reactor.hpp"

#include <pistache/peer.h>
#include <pistache/transport.h>

#include <chrono>
#include <mutex>

#include "core/log.hpp"

namespace rivetr::api {
namespace {

constexpr const char* kReactorData = "rivetr.reactor";

struct Recorded {
    Pistache::Tcp::Transport* transport;
};

// Pistache 0.0.5 has no call that queues work to a reactor. Transport::armTimer is the one entry
// that any thread may call and that settles a promise on the reactor thread: given no timer (-1) it
// fails at once there (timerfd_settime: EBADF), so the promise is rejected on the reactor with no
// timer created and no delay. The continuation is attached before the promise's settling side is
// handed over, under the promise's lock, so the reactor sees it whole.
constexpr int kNoTimer = -1;

void runGuarded(const std::function<void()>& task) {
    try {
        task();
    } catch (const std::exception& e) {
        log::error("api.reactor_task_failed", {{"error", e.what()}});
    }
}

}  // namespace

void ConnectionReactor::remember(Pistache::Tcp::Peer& peer, Pistache::Tcp::Transport* transport) {
    peer.putData(kReactorData, std::make_shared<Recorded>(Recorded{transport}));
}

Pistache::Tcp::Transport* ConnectionReactor::transportOf(Pistache::Tcp::Peer& peer) {
    auto rec = std::static_pointer_cast<Recorded>(peer.tryGetData(kReactorData));
    return rec ? rec->transport : nullptr;
}

ConnectionReactor ConnectionReactor::of(const Pistache::Http::ResponseWriter& writer) {
    ConnectionReactor r;
    if (auto peer = openPeer(writer)) {
        if (auto rec = std::static_pointer_cast<Recorded>(peer->tryGetData(kReactorData))) r.transport_ = rec->transport;
    }
    return r;
}

// The task travels in a slot of ours, filled under its lock only once this thread holds no more
// references to the promise: the reactor takes the task under the same lock, so everything this thread
// did (TSan sees it too, which it cannot through Pistache's uninstrumented queue) comes before what the
// reactor does, and the task and the promise are released there, whichever side drops them last.
void ConnectionReactor::post(std::function<void()> task) const {
    if (!transport_) {
        runGuarded(task);
        return;
    }
    struct Slot {
        std::mutex mutex;
        std::function<void()> task;
    };
    auto slot = std::make_shared<Slot>();
    auto run = [slot] {
        std::function<void()> t;
        {
            std::lock_guard lock(slot->mutex);
            t.swap(slot->task);
        }
        if (t) runGuarded(t);
    };
    Pistache::Async::Deferred<uint64_t> settle;
    {
        Pistache::Async::Promise<uint64_t> promise(
            [&settle](Pistache::Async::Deferred<uint64_t> d) { settle = std::move(d); });
        promise.then([run](uint64_t) { run(); }, [run](std::exception_ptr) { run(); });
    }
    {
        std::lock_guard lock(slot->mutex);
        slot->task = std::move(task);
    }
#if defined(__SANITIZE_THREAD__)
    // Pistache's queue orders the hand-over (an SC exchange, then its eventfd), but in a library TSan
    // does not instrument; the reactor may take an entry before the eventfd write that follows it, and
    // TSan then sees the promise arrive from nowhere. An empty entry sent first publishes everything
    // above through an eventfd write that the reactor reads before it takes the real entry.
    transport_->armTimer(kNoTimer, std::chrono::milliseconds(0), Pistache::Async::Deferred<uint64_t>());
#endif
    transport_->armTimer(kNoTimer, std::chrono::milliseconds(0), std::move(settle));
}

std::shared_ptr<Pistache::Tcp::Peer> openPeer(const Pistache::Http::ResponseWriter& writer) {
    try {
        return writer.peer();
    } catch (const std::exception&) {
        return nullptr;  // Pistache throws once the connection is gone
    }
}

}  // namespace rivetr::api
