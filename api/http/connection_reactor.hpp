// Runs work on the Pistache reactor thread that owns a connection: the only thread on which that
// connection's Pistache objects (a response's promises, the peer, its descriptor) may be touched.
#pragma once

#include <pistache/http.h>

#include <functional>
#include <memory>

namespace rivetr::api {

// Why: handlers run on the worker pool, and answering from there raced the reactor. Pistache 0.0.5
// resolves a write's promise on the reactor thread while the caller attaches its continuation (its own
// send path does so too, and its chained promises resolve without the lock that then() takes): TSan
// saw it, and a continuation can be lost. A connection whose answer, stream hand-over and writer's
// last reference all happen on its reactor thread has no such race.
class ConnectionReactor {
public:
    // The connection handler records each connection's reactor when the connection opens.
    static void remember(Pistache::Tcp::Peer& peer, Pistache::Tcp::Transport* transport);
    // Taken on the reactor thread (in a route handler); used from any thread. Empty when the
    // connection handler recorded none: post() then runs its task on the calling thread.
    static ConnectionReactor of(const Pistache::Http::ResponseWriter& writer);
    // The transport the connection handler recorded for `peer` (nullptr when none).
    static Pistache::Tcp::Transport* transportOf(Pistache::Tcp::Peer& peer);

    // Runs `task` on the reactor thread, in order with that thread's reads and writes, and destroys it
    // there. A task must not throw; it checks for itself whether its connection is still open.
    void post(std::function<void()> task) const;

private:
    Pistache::Tcp::Transport* transport_ = nullptr;
};

// The writer's connection while it is open (on the reactor thread), else nullptr.
std::shared_ptr<Pistache::Tcp::Peer> openPeer(const Pistache::Http::ResponseWriter& writer);

}  // namespace rivetr::api
