// The control API's Pistache connection handler: every byte passes the RequestHeadGuard before Pistache
// buffers it, and the errors the framework itself answers (400, 405, 413, 431) are the contract's JSON.
#pragma once

#include <pistache/http.h>
#include <pistache/router.h>

#include <memory>

#include "api/http/request_head_guard.hpp"

namespace rivetr::api {

class GuardedHandler : public Pistache::Http::Handler {
public:
    HTTP_PROTOTYPE(GuardedHandler)

    // `limits` must outlive the handler (the ApiServer owns both). `maxHeadBytes` bounds the request
    // line and headers; Pistache's own request size must exceed maxHeadBytes + limits.largest().
    GuardedHandler(std::shared_ptr<Pistache::Rest::Router> router, const BodyLimits& limits, std::size_t maxHeadBytes);

    void onRequest(const Pistache::Http::Request& request, Pistache::Http::ResponseWriter response) override;
    void onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
    void onInput(const char* buffer, size_t len, const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
    void onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;

    // On the reactor thread, when a stream takes the connection over (api/http/sse_stream.hpp): what the
    // client sends after it is dropped, so Pistache never writes an answer into the stream. Pistache
    // keeps the connection as idle and lets go of it after its keep-alive timeout; the stream's own
    // descriptor keeps the socket open.
    static void handOver(Pistache::Tcp::Peer& peer);

private:
    struct Connection;
    void parse(const char* buffer, size_t len, const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn);
    void streamBody(const char* buffer, size_t len, const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn);
    void dispatch(Pistache::Http::Request& request, const std::shared_ptr<Pistache::Tcp::Peer>& peer);
    void discard(size_t len, const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn);
    void refuse(const Refusal& refusal, const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn);

    std::shared_ptr<Pistache::Rest::Router> router_;
    const BodyLimits* limits_;
    std::size_t maxHeadBytes_;
};

}  // namespace rivetr::api
