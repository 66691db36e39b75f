// The one middleware chain every route runs through: request id, drain gate, error mapping, access log.
#include "api/middleware.hpp"

#include <chrono>

#include "api/request_id_header.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"

namespace rivetr::api {
namespace {

using Pistache::Http::Code;

bool saneRequestId(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

Pistache::Async::Promise<ssize_t> send(Pistache::Http::ResponseWriter& res, const Reply& reply,
                                       const std::string& requestId) {
    res.headers().add<XRequestId>(requestId);
    res.headers().add<Pistache::Http::Header::ContentType>(Pistache::Http::Mime::MediaType(reply.contentType));
    return res.send(static_cast<Code>(reply.status), reply.body);
}

void logAccess(const Route& route, const std::string& resource, const RequestContext& ctx, int status,
               std::chrono::steady_clock::time_point started) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    log::info("api.request", {{"request_id", ctx.requestId},
                              {"method", methodName(route.method)},
                              {"path", resource},
                              {"status", std::to_string(status)},
                              {"duration_us", std::to_string(us.count())}});
}

// Never leak an internal error text to the client: it goes to the log with the request id.
Reply runHandler(const Route& route, const Pistache::Rest::Request& req, RequestContext& ctx) {
    try {
        return route.handler(req, ctx);
    } catch (const std::exception& e) {
        log::error("api.handler_failed", {{"request_id", ctx.requestId}, {"path", route.path}, {"error", e.what()}});
    } catch (...) {
        log::error("api.handler_failed", {{"request_id", ctx.requestId}, {"path", route.path}});
    }
    return Reply::error(500, "internal", "internal error; see the server log for request " + ctx.requestId);
}

}  // namespace

bool RequestGate::enter() {
    std::lock_guard lock(mutex_);
    if (draining_) return false;
    ++inFlight_;
    return true;
}

void RequestGate::leave() {
    std::lock_guard lock(mutex_);
    if (--inFlight_ == 0) idle_.notify_all();
}

bool RequestGate::waitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [&] { return inFlight_ == 0; });
}

std::string requestIdFor(const Pistache::Rest::Request& req) {
    if (auto h = req.headers().tryGetRaw("X-Request-Id"); h && saneRequestId(h->value())) return h->value();
    auto bytes = crypto::randomBytes(8);
    return crypto::toHex(bytes);
}

Pistache::Rest::Route::Handler withMiddleware(const Route& route, RequestGate& gate, WorkerPool& pool) {
    return [route, &gate, &pool](const Pistache::Rest::Request& req, Pistache::Http::ResponseWriter res) {
        auto started = std::chrono::steady_clock::now();
        auto ctx = std::make_shared<RequestContext>(RequestContext{requestIdFor(req)});
        if (!gate.enter()) {
            auto reply = Reply::error(503, "shutting_down", "the server is shutting down; retry shortly");
            send(res, reply, ctx->requestId);
            logAccess(route, req.resource(), *ctx, reply.status, started);
            return Pistache::Rest::Route::Result::Ok;
        }
        auto writer = std::make_shared<Pistache::Http::ResponseWriter>(std::move(res));
        pool.post([route, req, writer, ctx, started, &gate] {
            auto reply = runHandler(route, req, *ctx);
            send(*writer, reply, ctx->requestId)
                .then([&gate](ssize_t) { gate.leave(); }, [&gate](std::exception_ptr) { gate.leave(); });
            logAccess(route, req.resource(), *ctx, reply.status, started);
        });
        return Pistache::Rest::Route::Result::Ok;
    };
}

}  // namespace rivetr::api
