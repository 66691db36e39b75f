// The control API's Pistache connection handler: every byte passes the RequestHeadGuard before Pistache
// buffers it, and the errors the framework itself answers (400, 405, 413, 431) are the contract's JSON.
//
// Why it replaces Http::Handler::onInput rather than wrapping it: that one is private, and it is where
// the damage was. Pistache 0.0.5 reads a connection in 4 KiB pieces in one loop until the socket is
// dry, feeds each to a parser that keeps the whole request, and over maxRequestSize answers 413 and
// resets, so the rest of the body is parsed as new requests: the request-line step rescans all that
// it buffered on every piece (its revert guard rewinds), quadratic up to the next 413. A 10 MB body
// cost 25-40 s of the one reactor thread, during which no other client was answered (measured again
// here: /health timed out at 10 s throughout). Here a request over its route's limit is refused as
// soon as its head is complete, what follows is dropped unparsed (discard()), and the connection is
// closed. Accepted bodies still go through Pistache's parser: about 250 MB/s on this machine.
#include "api/http/guarded_handler.hpp"

#include <pistache/peer.h>
#include <sys/socket.h>

#include <pistache/reactor.h>
#include <pistache/transport.h>

#include "api/http/connection_reactor.hpp"
#include "api/http/middleware.hpp"
#include "api/http/streamed_body.hpp"
#include "core/log.hpp"
#include "proxy/ascii.hpp"

namespace rivetr::api {
namespace {

using Pistache::Http::ResponseWriter;
using Pistache::Tcp::Peer;

constexpr const char* kConnectionData = "rivetr.connection";
// After a refusal, what the client still sends is dropped unread (so a client that reads only once it
// has sent everything still gets the answer, not a reset) up to this much; then the connection is cut.
// Pistache's header timeout bounds how long it may go on.
constexpr std::size_t kMaxDiscardBytes = 64 * 1024 * 1024;
constexpr std::size_t kDrainStep = 1024 * 1024;

std::string clientOf(const std::shared_ptr<Peer>& peer) { return peer->address().host(); }

// The head Pistache parses for a streamed body: no body of its own (Content-Length: 0), the connection
// closed after the answer, and the token the route claims its body with. Returns whether the client
// asked for "100 Continue" (answered here, as Pistache does not).
bool rewriteStreamedHead(std::string_view head, const std::string& token, std::string& out) {
    bool expectContinue = false;
    auto eol = head.find("\r\n");
    out.assign(head.substr(0, eol + 2));
    for (auto pos = eol + 2; pos < head.size();) {
        auto next = head.find("\r\n", pos);
        auto line = head.substr(pos, next - pos);
        pos = next + 2;
        if (line.empty()) break;
        auto name = line.substr(0, line.find(':'));
        if (proxy::asciiIEquals(name, "expect")) expectContinue = true;
        bool dropped = false;
        for (auto n : {"content-length", "transfer-encoding", "expect", "connection", StreamedBody::kHeader}) {
            dropped = dropped || proxy::asciiIEquals(name, n);
        }
        if (!dropped) out.append(line).append("\r\n");
    }
    out.append("Content-Length: 0\r\nConnection: close\r\n").append(StreamedBody::kHeader).append(": ");
    out.append(token).append("\r\n\r\n");
    return expectContinue;
}

}  // namespace

struct GuardedHandler::Connection {
    explicit Connection(const BodyLimits& limits, std::size_t maxHead) : guard(limits, maxHead) {}
    RequestHeadGuard guard;
    bool refused = false;   // answered with an error: everything after it is dropped
    bool answered = false;  // that answer is written: cutting the connection no longer loses it
    bool handedOver = false;  // a stream writes on it now: Pistache must never answer on it again
    std::size_t discarded = 0;
    std::shared_ptr<StreamedBody> body;  // set: what arrives is a streamed body's (api/http/streamed_body.hpp)
    std::string bodyToken;
};

GuardedHandler::GuardedHandler(std::shared_ptr<Pistache::Rest::Router> router, const BodyLimits& limits,
                               std::size_t maxHeadBytes)
    : router_(std::move(router)), limits_(&limits), maxHeadBytes_(maxHeadBytes) {}

void GuardedHandler::onConnection(const std::shared_ptr<Peer>& peer) {
    peer->putData(ParserData, std::make_shared<Pistache::Http::RequestParser>(getMaxRequestSize()));
    peer->putData(kConnectionData, std::make_shared<Connection>(*limits_, maxHeadBytes_));
    ConnectionReactor::remember(*peer, transport());
}

void GuardedHandler::handOver(Peer& peer) {
    if (auto conn = std::static_pointer_cast<Connection>(peer.tryGetData(kConnectionData))) conn->handedOver = true;
}

void GuardedHandler::onDisconnection(const std::shared_ptr<Peer>& peer) {
    if (auto conn = std::static_pointer_cast<Connection>(peer->tryGetData(kConnectionData)); conn && conn->body) {
        StreamedBody::withdraw(conn->bodyToken);
        conn->body->disconnected();
    }
    router_->disconnectPeer(peer);
}

void GuardedHandler::onRequest(const Pistache::Http::Request& request, ResponseWriter response) {
    router_->route(request, std::move(response));
}

void GuardedHandler::onInput(const char* buffer, size_t len, const std::shared_ptr<Peer>& peer) {
    auto& conn = *std::static_pointer_cast<Connection>(peer->getData(kConnectionData));
    if (conn.body) {
        conn.body->arrive(std::string_view(buffer, len));
        return;
    }
    if (conn.handedOver) return;  // a stream's client has nothing more to say: what it sends is dropped
    if (conn.refused) {
        discard(len, peer, conn);
        return;
    }
    if (conn.guard.atRequestStart()) {
        // A new request starts: Pistache's header and body timeouts count from now (its clock otherwise
        // runs from the previous request), and apply rather than the keep-alive one (its idle flag).
        getParser(peer)->reset();
        peer->setIdle(false);
    }
    if (auto refusal = conn.guard.inspect(buffer, len)) {
        refuse(*refusal, peer, conn);
        return;
    }
    if (conn.guard.streamedBody()) {
        streamBody(buffer, len, peer, conn);
        return;
    }
    parse(buffer, len, peer, conn);
}

// The route runs now, with an empty body and a token; the body's bytes (those of this read past the
// head, then every later read) go to the StreamedBody it claims. Reading pauses and resumes through
// the connection's epoll interest, from whichever thread the body decides it on.
void GuardedHandler::streamBody(const char* buffer, size_t len, const std::shared_ptr<Peer>& peer, Connection& conn) {
    auto* transport = ConnectionReactor::transportOf(*peer);
    std::weak_ptr<Peer> weak = peer;
    int fd = peer->fd();
    auto setReading = [transport, weak, fd](bool on) {
        auto p = weak.lock();
        if (!p || !transport || !transport->reactor()) return;
        try {
            transport->reactor()->modifyFd(transport->key(), fd,
                                           on ? Pistache::Polling::NotifyOn::Read : Pistache::Polling::NotifyOn::None,
                                           Pistache::Polling::Mode::Edge);
        } catch (const std::exception& e) {
            log::warn("api.streamed_body_flow_failed", {{"error", e.what()}});
        }
    };
    auto prefix = std::string_view(buffer + len - conn.guard.bodyBytesInLastRead(), conn.guard.bodyBytesInLastRead());
    auto body = std::make_shared<StreamedBody>(conn.guard.contentLength(), setReading);
    auto token = StreamedBody::enroll(body);
    std::string head;
    if (rewriteStreamedHead(conn.guard.head(), token, head)) {
        constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        (void)::send(fd, kContinue.data(), kContinue.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    body->arrive(prefix);
    getParser(peer)->reset();  // it may hold the head's first reads: it gets the whole rewritten head instead
    parse(head.data(), head.size(), peer, conn);
    conn.body = std::move(body);
    conn.bodyToken = token;
}

// As Http::Handler::onInput, with its errors in JSON and ending the connection.
void GuardedHandler::parse(const char* buffer, size_t len, const std::shared_ptr<Peer>& peer, Connection& conn) {
    auto parser = getParser(peer);
    try {
        if (!parser->feed(buffer, len)) {  // unreachable while maxRequestSize covers head and body limits
            refuse({413, "payload_too_large", "the request is too large", ""}, peer, conn);
            return;
        }
        if (parser->parse() != Pistache::Http::Private::State::Done) return;
        dispatch(parser->request, peer);  // the router throws on an empty target ("GET  HTTP/1.1")
        // The request is in: no read timeout runs until the next one starts. Pistache would otherwise
        // count the handler's time (or a stream's whole life) against the header timeout and write
        // "408 Request Timeout" onto the connection, into an answer or a chunked stream.
        peer->setIdle(true);
    } catch (const Pistache::Http::HttpError& e) {
        auto code = e.code() == 501 ? "not_implemented" : "bad_request";  // 501: a Transfer-Encoding it lacks
        refuse({e.code(), code, "malformed request: " + e.reason(), ""}, peer, conn);
        return;
    } catch (const std::exception& e) {  // the chunk and header parsers throw these on bad input
        refuse({400, "bad_request", std::string("malformed request: ") + e.what(), ""}, peer, conn);
        return;
    }
    parser->reset();
    conn.guard.requestDone();
}

void GuardedHandler::dispatch(Pistache::Http::Request& request, const std::shared_ptr<Peer>& peer) {
    ResponseWriter response(request.version(), transport(), this, peer);
    request.copyAddress(peer->address());
    auto connection = request.headers().tryGet<Pistache::Http::Header::Connection>();
    response.headers().add<Pistache::Http::Header::Connection>(
        connection ? connection->control() : Pistache::Http::ConnectionControl::Close);
    onRequest(request, std::move(response));
}

// Pistache reads 4 KiB per recv() in a loop that runs until the socket is dry, so dropping a 10 MB
// upload through it took 2,560 calls and kept other clients waiting (p99 /health 75 ms with four such
// uploads). MSG_TRUNC makes TCP free the queued bytes without copying them: the socket runs dry
// after a few calls and the reactor gets back to the other connections.
void GuardedHandler::discard(size_t len, const std::shared_ptr<Peer>& peer, Connection& conn) {
    conn.discarded += len;
    for (ssize_t n = 1; n > 0 && conn.discarded <= kMaxDiscardBytes;) {
        n = ::recv(peer->fd(), nullptr, kDrainStep, MSG_TRUNC | MSG_DONTWAIT);
        if (n > 0) conn.discarded += static_cast<std::size_t>(n);
    }
    // Past the budget, once the answer is out: recv() then ends and Pistache closes the connection.
    if (conn.discarded > kMaxDiscardBytes && conn.answered) ::shutdown(peer->fd(), SHUT_RD);
}

// Answers the error, closes the sending side once it is written, and drops the rest of the request.
void GuardedHandler::refuse(const Refusal& refusal, const std::shared_ptr<Peer>& peer, Connection& conn) {
    conn.refused = true;
    getParser(peer)->reset();  // frees what was buffered; the header timeout now bounds the dropping
    log::info("api.refused", {{"status", std::to_string(refusal.status)},
                              {"code", refusal.code},
                              {"client", clientOf(peer)}});
    ResponseWriter response(Pistache::Http::Version::Http11, transport(), this, peer);
    response.headers().add<Pistache::Http::Header::Connection>(Pistache::Http::ConnectionControl::Close);
    std::weak_ptr<Peer> weak = peer;
    sendReply(response, Reply::error(refusal.status, refusal.code, refusal.message, refusal.field), newRequestId())
        .then(
            // Runs on this reactor thread right after the write, while the peer still owns its fd.
            [weak](ssize_t) {
                auto p = weak.lock();
                if (!p) return;
                ::shutdown(p->fd(), SHUT_WR);
                std::static_pointer_cast<Connection>(p->getData(kConnectionData))->answered = true;
            },
            [](std::exception_ptr) {});
    peer->setIdle(false);  // sending marked it idle: the header timeout applies, not keep-alive's 300 s
}

}  // namespace rivetr::api
