// The one middleware chain every route runs through: request id, drain gate, error mapping, access log.
#pragma once

#include <pistache/router.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "api/http/access_check.hpp"
#include "api/http/request_observer.hpp"
#include "api/http/route.hpp"
#include "api/http/worker_pool.hpp"

namespace rivetr::api {

class SseHub;

// Shared by all requests of one server: counts requests in flight so shutdown can wait for them.
class RequestGate {
public:
    // false once draining: the caller answers 503 instead of running the handler.
    bool enter();
    void leave();
    void beginDrain() { draining_ = true; }
    bool draining() const { return draining_; }
    // Waits until no request is in flight or the timeout passes; returns true when idle.
    bool waitIdle(std::chrono::milliseconds timeout);

private:
    std::atomic<bool> draining_{false};
    std::mutex mutex_;
    std::condition_variable idle_;
    int inFlight_ = 0;
};

// Handlers run on `pool`; the gate is left only once the response is written, so a drained
// stop never closes a connection with an answer still queued.
// Order: request id → drain gate → authentication and role check (from route.minRole) →
// handler → error mapping → access log. `auth` may be null only when no route needs a role.
// Optional parts of the chain: `hub` serves replies that are streams (without it they get a 500),
// `observer` sees every answered request.
struct MiddlewareHooks {
    SseHub* hub = nullptr;
    RequestObserver* observer = nullptr;
};
Pistache::Rest::Route::Handler withMiddleware(const Route& route, RequestGate& gate, WorkerPool& pool,
                                              AccessCheck* auth, MiddlewareHooks hooks = {});

// An id from the caller (the proxy sets one) when it is sane, a fresh one otherwise.
std::string requestIdFor(const Pistache::Rest::Request& req);
std::string newRequestId();

// Writes a reply (status, body, its headers, X-Request-Id); the promise settles once it is written.
Pistache::Async::Promise<ssize_t> sendReply(Pistache::Http::ResponseWriter& res, const Reply& reply,
                                            const std::string& requestId);

}  // namespace rivetr::api
