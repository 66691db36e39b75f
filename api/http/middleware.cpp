// The one middleware chain every route runs through: request id, drain gate, error mapping, access log.
#include "api/http/middleware.hpp"

#include <chrono>

#include "api/http/api_errors.hpp"
#include "api/http/auth_headers.hpp"
#include "api/http/connection_reactor.hpp"
#include "api/http/connection_takeover.hpp"
#include "api/http/guarded_handler.hpp"
#include "api/http/security_headers.hpp"
#include "api/http/text_header.hpp"
#include "api/http/sse_hub.hpp"
#include "store/conflict_error.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"

namespace rivetr::api {
namespace {

using Pistache::Http::Code;

// What the access check asked for in the response: a cookie (login, logout), a Retry-After with a 429.
void addAccessHeaders(Pistache::Http::ResponseWriter& res, const RequestContext& ctx) {
    if (!ctx.setCookie.empty()) res.headers().add<SetCookieHeader>(ctx.setCookie);
    if (ctx.retryAfterSeconds > 0) res.headers().add<RetryAfterHeader>(ctx.retryAfterSeconds);
}

bool saneRequestId(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

void logAccess(const Route& route, const std::string& resource, const RequestContext& ctx, int status,
               std::chrono::steady_clock::time_point started) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    log::info("api.request", {{"request_id", ctx.requestId},
                              {"actor", ctx.principal ? ctx.principal->name : "-"},
                              {"method", methodName(route.method)},
                              {"path", resource},
                              {"status", std::to_string(status)},
                              {"duration_us", std::to_string(us.count())}});
}

// Client errors thrown by handlers become their status; anything else is a 500 whose text goes
// to the log with the request id, never to the client.
Reply runHandler(const Route& route, const Pistache::Rest::Request& req, RequestContext& ctx) {
    try {
        return route.handler(req, ctx);
    } catch (const ValidationError& e) {
        return Reply::error(400, "invalid", e.what(), e.field());
    } catch (const NotFoundError& e) {
        return Reply::error(404, "not_found", e.what());
    } catch (const store::ConflictError& e) {
        return Reply::error(409, "conflict", e.what(), e.field());
    } catch (const std::exception& e) {
        log::error("api.handler_failed", {{"request_id", ctx.requestId}, {"path", route.path}, {"error", e.what()}});
    } catch (...) {
        log::error("api.handler_failed", {{"request_id", ctx.requestId}, {"path", route.path}});
    }
    return Reply::error(500, "internal", "internal error; see the server log for request " + ctx.requestId);
}

// nullopt when the caller may proceed; otherwise the 401/403 to answer.
std::optional<Reply> checkAccess(const Route& route, const Pistache::Rest::Request& req, RequestContext& ctx,
                                 AccessCheck* auth) {
    // Client address, authentication, rate limits, role and CSRF: all in api/auth/authenticator.cpp.
    if (auth) return auth->admit(route, req, ctx);
    if (!route.minRole) return std::nullopt;
    return Reply::error(401, "unauthorized", "a valid bearer token is required");
}

// On the connection's reactor thread. A stream is not an in-flight request: the hub owns it and
// stop() ends it first, so the gate is left once it is handed over.
void answer(Pistache::Http::ResponseWriter& writer, const Reply& reply, SseHub* hub, const std::string& requestId,
            RequestGate& gate) {
    if (reply.takeOver) {  // a WebSocket: the connection is no longer HTTP, nor an in-flight request
        if (auto peer = openPeer(writer)) {
            if (int fd = takeOverConnection(*peer); fd >= 0) reply.takeOver(fd);
        }
        gate.leave();
        return;
    }
    if (!reply.stream) {
        sendReply(writer, reply, requestId).then([&gate](ssize_t) { gate.leave(); },
                                                 [&gate](std::exception_ptr) { gate.leave(); });
        return;
    }
    if (auto peer = openPeer(writer)) {
        GuardedHandler::handOver(*peer);
        hub->adopt(openSseStream(*peer, requestId), reply.stream);
    }
    gate.leave();
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
    return newRequestId();
}

std::string newRequestId() { return crypto::toHex(crypto::randomBytes(8)); }

Pistache::Async::Promise<ssize_t> sendReply(Pistache::Http::ResponseWriter& res, const Reply& reply,
                                            const std::string& requestId) {
    res.headers().add<XRequestId>(requestId);
    res.headers().add<Pistache::Http::Header::ContentType>(Pistache::Http::Mime::MediaType(reply.contentType));
    if (!reply.cacheControl.empty()) res.headers().add<CacheControlValue>(reply.cacheControl);
    if (reply.gzipped) res.headers().add<Pistache::Http::Header::ContentEncoding>(Pistache::Http::Header::Encoding::Gzip);
    if (!reply.vary.empty()) res.headers().add<VaryHeader>(reply.vary);
    addSecurityHeaders(res.headers(), reply.contentType);
    return res.send(static_cast<Code>(reply.status), reply.body);
}


Pistache::Rest::Route::Handler withMiddleware(const Route& route, RequestGate& gate, WorkerPool& pool,
                                              AccessCheck* auth, MiddlewareHooks hooks) {
    return [route, &gate, &pool, auth, hooks](const Pistache::Rest::Request& req, Pistache::Http::ResponseWriter res) {
        auto started = std::chrono::steady_clock::now();
        auto ctx = std::make_shared<RequestContext>();
        ctx->requestId = requestIdFor(req);
        ctx->clientIp = req.address().host();
        if (!gate.enter()) {
            auto reply = Reply::error(503, "shutting_down", "the server is shutting down; retry shortly");
            sendReply(res, reply, ctx->requestId);
            logAccess(route, req.resource(), *ctx, reply.status, started);
            return Pistache::Rest::Route::Result::Ok;
        }
        auto reactor = ConnectionReactor::of(res);
        auto writer = std::make_shared<Pistache::Http::ResponseWriter>(std::move(res));
        // Authentication reads the store, so it runs on the pool with the handler; the answer goes
        // back to the connection's reactor thread (api/http/connection_reactor.hpp says why).
        pool.post([route, req, writer, ctx, started, &gate, auth, hooks, reactor]() mutable {
            auto denied = checkAccess(route, req, *ctx, auth);
            auto reply = denied ? *denied : runHandler(route, req, *ctx);
            addAccessHeaders(*writer, *ctx);
            if (reply.stream && !hooks.hub) reply = Reply::error(500, "internal", "streams are not served here");
            if (hooks.observer) {  // before the answer leaves: the next request sees it counted
                hooks.observer->observe(methodName(route.method), route.path, reply.status,
                                        std::chrono::duration_cast<std::chrono::microseconds>(
                                            std::chrono::steady_clock::now() - started));
            }
            auto status = reply.status;
            auto resource = req.resource();
            // The request goes along only to be released on the reactor: its headers are shared with
            // Pistache's parser, which frees them there.
            reactor.post([writer = std::move(writer), reply = std::move(reply), request = std::move(req),
                          hub = hooks.hub, id = ctx->requestId, &gate] { answer(*writer, reply, hub, id, gate); });
            logAccess(route, resource, *ctx, status, started);
        });
        return Pistache::Rest::Route::Result::Ok;
    };
}

}  // namespace rivetr::api
