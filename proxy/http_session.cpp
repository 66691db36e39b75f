// The request path: read a request, route it, relay it upstream and the answer back in bounded chunks, tunnel upgrades.
#include <chrono>
#include <optional>

#include "core/log.hpp"
#include "proxy/body_framer.hpp"
#include "proxy/error_page.hpp"
#include "proxy/forward_headers.hpp"
#include "proxy/header_writer.hpp"
#include "proxy/parse_buffered.hpp"
#include "proxy/request_target.hpp"
#include "proxy/response_head.hpp"
#include "proxy/watchdog.hpp"
#include "proxy/worker.hpp"

namespace rivetr::proxy {
namespace {

using ReqParser = http::request_parser<http::buffer_body>;
using ResParser = http::response_parser<http::buffer_body>;
using Clock = std::chrono::steady_clock;

template <class S>
auto& lowest(S& s) {
    return beast::get_lowest_layer(s);
}

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }
beast::string_view bsv(std::string_view s) { return {s.data(), s.size()}; }

// Which side of a relay failed decides the answer: a dead client gets nothing, a dead upstream a 502.
struct RelayResult {
    beast::error_code readEc;
    beast::error_code writeEc;
    bool ok() const { return !readEc && !writeEc; }
};

// A session's relay buffer for bodies bigger than what arrives with their header. Allocated on first
// use (most messages never need it, and 200 idle keep-alive clients would otherwise hold 12.8 MB) and
// never zeroed: every byte is read into before it is sent.
class ChunkBuffer {
public:
    explicit ChunkBuffer(std::size_t size) : size_(size) {}
    char* data() {
        if (!data_) data_ = std::make_unique_for_overwrite<char[]>(size_);
        return data_.get();
    }
    std::size_t size() const { return size_; }

private:
    std::size_t size_;
    std::unique_ptr<char[]> data_;
};

// Streams one message from a parser's source to `out`: the header (in `framer`) with the first
// piece, then each piece of body as it arrives, one chunk buffer at a time, so memory stays bounded
// whatever the body size and a streamed answer (SSE, long polls) is relayed as it comes. The
// framing on the way out is ours (body_framer.hpp), never a copy of what the sender wrote.
template <bool isRequest, class In, class Out>
Task<RelayResult> relay(Watchdog& wd, In& in, beast::flat_buffer& inBuf, http::parser<isRequest, http::buffer_body>& p,
                        Out& out, BodyFramer& framer, ChunkBuffer& chunk, std::chrono::milliseconds readTimeout,
                        std::chrono::milliseconds writeTimeout) {
    RelayResult r;
    while (!framer.finished()) {
        std::size_t n = 0;
        if (!p.is_done()) {
            p.get().body().data = chunk.data();
            p.get().body().size = chunk.size();
            if (!parseBuffered(inBuf, p, r.readEc)) {
                wd.arm(lowest(in), readTimeout);
                co_await http::async_read_some(in, inBuf, p, redirect(r.readEc));
                wd.settle(r.readEc);
                if (r.readEc == http::error::need_buffer) r.readEc = {};
            }
            if (r.readEc) co_return r;
            n = chunk.size() - p.get().body().size;
        }
        const auto bufs = framer.frame(chunk.data(), n, p.is_done());
        if (bufs.empty()) continue;  // chunk framing only: nothing to send yet
        wd.arm(lowest(out), writeTimeout);
        co_await asio::async_write(out, bufs, redirect(r.writeEc));
        wd.settle(r.writeEc);
        if (r.writeEc) co_return r;
    }
    co_return r;
}

// The body's byte count when the message is framed by Content-Length (or has no body left):
// those go out as our own header bytes plus the raw body. Chunked and close-delimited bodies
// are re-framed by relay() above.
template <bool isRequest>
std::optional<std::uint64_t> identityLength(const http::parser<isRequest, http::buffer_body>& p) {
    if (p.is_done()) return 0;
    if (p.chunked() || !p.content_length()) return std::nullopt;
    return *p.content_length_remaining();
}

// The header plus the body bytes that arrived with it, as one write (one syscall for a small message).
// A plain function returning the write, not a coroutine: a message that is all at hand, the common
// case, then costs no coroutine frame of its own (asio 1.74 recycles one frame per thread only).
template <class Out>
auto writeHead(Out& out, const std::string& head, const beast::flat_buffer& inBuf, std::size_t ready,
               beast::error_code& ec) {
    const std::array<asio::const_buffer, 2> bufs{asio::buffer(head), asio::buffer(inBuf.data().data(), ready)};
    return asio::async_write(out, bufs, redirect(ec));  // the initiation keeps a copy of `bufs`
}

// Copies the rest of a Content-Length body, `length` bytes from `in` to `out`, one chunk at a time.
template <class In, class Out>
Task<RelayResult> relayRest(Watchdog& wd, In& in, Out& out, std::uint64_t length, ChunkBuffer& chunk,
                            std::chrono::milliseconds readTimeout, std::chrono::milliseconds writeTimeout) {
    RelayResult r;
    while (length > 0) {
        wd.arm(lowest(in), readTimeout);
        auto n = co_await in.async_read_some(asio::buffer(chunk.data(), std::min<std::uint64_t>(length, chunk.size())),
                                             redirect(r.readEc));
        wd.settle(r.readEc);
        if (r.readEc) co_return r;
        length -= n;
        wd.arm(lowest(out), writeTimeout);
        co_await asio::async_write(out, asio::buffer(chunk.data(), n), redirect(r.writeEc));
        wd.settle(r.writeEc);
        if (r.writeEc) co_return r;
    }
    co_return r;
}

constexpr std::size_t kHeaderReadSize = 8192;

std::string_view bytesOf(const beast::flat_buffer& b) {
    return {static_cast<const char*>(b.data().data()), b.data().size()};
}

// Parses what `buf` holds into `p`: true when that completed the header or failed (`ec` set), so no
// read is needed. A request usually arrives whole in the first read: no readHeader frame for it.
template <bool isRequest>
bool headerFromBuffer(beast::flat_buffer& buf, http::parser<isRequest, http::buffer_body>& p, beast::error_code& ec) {
    if (buf.size() == 0) return false;
    buf.consume(p.put(buf.data(), ec));
    if (ec && ec != http::error::need_more) return true;
    ec = {};
    return p.is_header_done();
}

// Reads until `p` holds a whole header (body bytes stay in `buf`), parsing what is buffered first;
// the whole header must arrive by `deadline` (a client dribbling bytes cannot hold the connection).
// Errors as Beast's async_read_header reports them: end_of_stream before any byte, partial_message
// after some, header_limit/body_limit from the parser. Beast's composed read costs ~2x more.
template <class S, bool isRequest>
Task<void> readHeader(Watchdog& wd, S& s, Clock::time_point deadline, beast::flat_buffer& buf,
                      http::parser<isRequest, http::buffer_body>& p, beast::error_code& ec) {
    for (;;) {
        if (headerFromBuffer(buf, p, ec)) co_return;
        wd.arm(lowest(s), deadline);
        auto n = co_await s.async_read_some(buf.prepare(kHeaderReadSize), redirect(ec));
        wd.settle(ec);
        if (ec == asio::error::eof) ec = p.got_some() ? http::error::partial_message : http::error::end_of_stream;
        if (ec) co_return;
        buf.commit(n);
    }
}

// Copies raw bytes one way until either side closes, then shuts both down so the other pump ends too.
template <class From, class To>
Task<void> pump(From& from, To& to, TcpSocket& a, TcpSocket& b) {
    std::array<char, 16384> buf;
    beast::error_code ec;
    for (;;) {
        auto n = co_await from.async_read_some(asio::buffer(buf), redirect(ec));
        if (ec) break;
        co_await asio::async_write(to, asio::buffer(buf.data(), n), redirect(ec));
        if (ec) break;
    }
    a.shutdown(asio::socket_base::shutdown_both, ec);
    b.shutdown(asio::socket_base::shutdown_both, ec);
}

// How an upstream's answer goes to the client, from the fast path or from Beast's parser.
struct ResponsePlan {
    int status = 0;
    bool upstreamKeepAlive = false;
    bool clientKeep = false;
    std::optional<std::uint64_t> length;  // Content-Length framed: head_ + raw body; else Beast re-frames
};

template <class Stream>
class Session {
public:
    Session(Worker& w, Watchdog& wd, Stream& client, bool tls, std::string ip)
        : w_(w), sh_(w.shared), o_(w.shared.opts), wd_(wd), client_(client), tls_(tls), ip_(std::move(ip)) {}

    Task<void> run() {
        bool first = true;
        while (co_await serveOne(first)) first = false;
    }

private:
    Task<bool> serveOne(bool first);
    // One request's exchange with an upstream, from the rewritten request to the relayed answer.
    struct Exchange {
        ReqParser& p;
        const Backend& be;
        Target::Lease lease;
        std::string_view accept;
        bool clientKeepAlive;
        Clock::time_point start;
        bool upgrade, clientHttp10, expectContinue, hasBody, retryable;
        std::optional<std::uint64_t> requestLength;  // Content-Length framed; else chunked
        bool requestDone;  // the whole request was read (so the client connection may stay)
    };
    Task<bool> forward(ReqParser& p, const RequestFields& fields, const Backend& be, Target::Lease lease,
                       bool clientKeepAlive, Clock::time_point start);
    Exchange prepare(ReqParser& p, const RequestFields& fields, const Backend& be, Target::Lease lease,
                     bool clientKeepAlive, Clock::time_point start);
    Task<std::shared_ptr<UpstreamConn>> connectFor(Exchange& x, int& attempt, beast::error_code& ec);
    Task<bool> sendContinue();
    void writeRequestHead();
    Task<RelayResult> sendRest(UpstreamConn& up, std::uint64_t rest);
    Task<RelayResult> sendChunked(Exchange& x, UpstreamConn& up);
    Task<void> readBeastHead(Exchange& x, UpstreamConn& up, Clock::time_point deadline, beast::error_code& ec);
    ResponsePlan planResponse(const Exchange& x, UpstreamConn& up, const std::optional<SimpleResponse>& simple);
    Task<RelayResult> receiveRest(UpstreamConn& up, std::uint64_t rest);
    Task<RelayResult> receiveReframed(UpstreamConn& up);
    bool finishResponse(Exchange& x, std::shared_ptr<UpstreamConn> up, const ResponsePlan& plan, const RelayResult& got,
                        bool done);
    Task<bool> fail(Exchange& x, const beast::error_code& ec, int status);
    Task<bool> tunnel(ResParser& rp, std::shared_ptr<UpstreamConn> up, Target::Lease& lease);
    // The answer parsed by Beast, rewritten for the client (into head_ when Content-Length framed).
    ResponsePlan planBeastResponse(ResParser& rp, bool clientKeepAlive, bool clientHttp10);
    Task<bool> respond(int status, std::string_view contentType, std::string body, bool keepAlive,
                            std::string_view location = {});
    Task<bool> respondError(int status, std::string_view accept, bool keepAlive) {
        auto page = renderError(status, accept);
        co_return co_await respond(page.status, page.contentType, std::move(page.body), keepAlive);
    }
    void record(const Backend* be, int status, Clock::time_point start) {
        if (be) be->stats->count(w_.index, status);
        sh_.metrics.observeLatency(w_.index, std::chrono::duration<double>(Clock::now() - start).count());
    }

    Worker& w_;
    ProxyShared& sh_;
    const ProxyOptions& o_;
    Watchdog& wd_;
    Stream& client_;
    beast::flat_buffer buf_;
    bool tls_;
    std::string ip_;
    ChunkBuffer chunk_{o_.streamChunkBytes};
    std::string head_;  // outgoing header bytes, reused across requests
    // The parsers live here, not in the coroutine frames: Asio recycles frames up to ~1 KB only,
    // bigger ones cost a slow malloc/free each per request.
    std::optional<ReqParser> request_;
    std::optional<ResParser> response_;
    std::string host_;  // the request's Host, which forwarded_ refers to
    Forwarded forwarded_;
};

template <class Stream>
Task<bool> Session<Stream>::serveOne(bool first) {
    beast::error_code ec;
    if (buf_.size() == 0) {
        // Waiting for a request to start is the idle phase; once bytes arrive the header must
        // complete within headerTimeout (slow-header clients cannot hold a connection forever).
        wd_.arm(lowest(client_), first ? o_.headerTimeout : o_.idleTimeout);
        auto n = co_await client_.async_read_some(buf_.prepare(4096), redirect(ec));
        wd_.settle(ec);
        if (ec) co_return false;
        buf_.commit(n);
    }
    auto& p = request_.emplace();
    p.header_limit(static_cast<std::uint32_t>(o_.maxHeaderBytes));
    p.body_limit(o_.maxBodyBytes);
    if (!headerFromBuffer(buf_, p, ec)) co_await readHeader(wd_, client_, Clock::now() + o_.headerTimeout, buf_, p, ec);
    if (ec) {
        if (ec == http::error::header_limit) co_await respondError(431, {}, false);
        else if (ec == http::error::body_limit) co_await respondError(413, {}, false);
        else if (ec != beast::error::timeout && ec != http::error::end_of_stream && ec != asio::error::eof &&
                 ec != asio::error::connection_reset && ec != http::error::partial_message)
            co_await respondError(400, {}, false);
        co_return false;
    }
    const auto start = Clock::now();
    auto& req = p.get();
    const bool clientKeepAlive = req.keep_alive();
    // What the upstream would read differently from us (a second Host, a coding we do not frame,
    // a target naming another host) is refused or made one meaning before anything is routed.
    const bool validTarget = normalizeTarget(req) != TargetForm::Invalid;
    const RequestFields fields = scanRequest(req);  // views into the request, which lives until the next one
    const std::string_view accept = fields.accept;
    if (!validTarget || fields.malformed()) co_return co_await respondError(400, accept, false);

    const auto target = sv(req.target());
    if (target.substr(0, kAcmeChallengePrefix.size()) == kAcmeChallengePrefix) {
        auto answer = sh_.challenges.answer(target);
        bool keep = clientKeepAlive && p.is_done();
        if (answer) co_return co_await respond(200, "text/plain", std::move(*answer), keep);
        co_return co_await respond(404, "text/plain", "unknown challenge\n", keep);
    }

    const auto host = fields.host;
    if (host.empty()) co_return co_await respondError(400, accept, false);
    // Hold the snapshot for the whole exchange: the Backend lives in it.
    auto routes = sh_.routes.snapshot();
    const Backend* be = routes->find(host);
    Target::Lease lease = be ? be->pick() : Target::Lease{};
    if (be && !lease && sh_.routes.snapshot() != routes) {
        // A switch happened between our read and the pick (old targets now draining): use the new table.
        routes = sh_.routes.snapshot();
        be = routes->find(host);
        lease = be ? be->pick() : Target::Lease{};
    }
    if (!be) {
        record(nullptr, 404, start);
        co_return co_await respondError(404, accept, clientKeepAlive && p.is_done());
    }
    if (be->redirectHttps && !tls_) {
        std::string location = "https://" + normalizeHost(host);
        auto port = sh_.httpsPortForRedirect.load(std::memory_order_relaxed);
        if (port != 443) location += ":" + std::to_string(port);
        location += std::string(target);
        record(be, 308, start);
        co_return co_await respond(308, "text/plain", "redirecting to HTTPS\n", clientKeepAlive && p.is_done(), location);
    }
    if (!lease) {
        record(be, 503, start);
        co_return co_await respondError(503, accept, clientKeepAlive && p.is_done());
    }
    co_return co_await forward(p, fields, *be, std::move(lease), clientKeepAlive, start);
}

// The request is rewritten for the upstream once; attempts (another replica, a fresh connection when a
// pooled one was closed meanwhile) only resend it. The usual path (a pooled connection, a body that came
// with the header, an answer the fast path reads) stays in this one coroutine: each nested coroutine
// costs a frame per request (measured: +1,200 instructions/request for four of them).
template <class Stream>
Task<bool> Session<Stream>::forward(ReqParser& p, const RequestFields& fields, const Backend& be, Target::Lease lease,
                                    bool clientKeepAlive, Clock::time_point start) {
    Exchange x = prepare(p, fields, be, std::move(lease), clientKeepAlive, start);
    beast::error_code ec;
    std::shared_ptr<UpstreamConn> up;
    std::optional<SimpleResponse> simple;
    bool fresh = false;
    for (int attempt = 0;; ++attempt) {
        up = fresh ? nullptr : w_.pool.take(x.lease->key());
        if (!up) up = co_await connectFor(x, attempt, ec);
        if (!up) co_return co_await fail(x, ec, ec == beast::error::timeout ? 504 : 502);
        if (x.expectContinue && attempt == 0 && x.hasBody && !co_await sendContinue()) co_return false;
        writeRequestHead();
        RelayResult sent;
        if (x.requestLength) {
            const auto ready = static_cast<std::size_t>(std::min<std::uint64_t>(*x.requestLength, buf_.size()));
            wd_.arm(lowest(up->socket), o_.requestTimeout);
            co_await writeHead(up->socket, head_, buf_, ready, sent.writeEc);
            wd_.settle(sent.writeEc);
            if (!sent.writeEc) {
                buf_.consume(ready);
                if (*x.requestLength > ready) sent = co_await sendRest(*up, *x.requestLength - ready);
            }
            x.requestDone = !sent.readEc;
        } else {
            sent = co_await sendChunked(x, *up);
        }
        if (sent.readEc) {
            record(&be, 0, start);
            co_return false;  // the client went away or stalled mid-body
        }
        // The classic case: a pooled keep-alive connection the upstream closed meanwhile.
        const bool mayRetry = up->reused && x.retryable && attempt < 2;
        if (sent.writeEc && mayRetry) {
            fresh = true;
            continue;
        }
        if (sent.writeEc) co_return co_await fail(x, sent.writeEc, sent.writeEc == beast::error::timeout ? 504 : 502);
        const auto deadline = Clock::now() + o_.requestTimeout;
        simple.reset();
        // Most answers take the fast path (response_head.hpp); HEAD answers and upgrades always go through Beast.
        if (!x.upgrade && p.get().method() != http::verb::head) {
            if (up->buffer.size() == 0) {
                wd_.arm(lowest(up->socket), deadline);
                auto n = co_await up->socket.async_read_some(up->buffer.prepare(kHeaderReadSize), redirect(ec));
                wd_.settle(ec);
                if (ec == asio::error::eof) ec = http::error::end_of_stream;
                if (!ec) up->buffer.commit(n);
            }
            if (!ec) {
                head_.clear();
                simple = rewriteSimpleResponse(bytesOf(up->buffer), x.clientKeepAlive, head_);
            }
        }
        if (!ec && !simple) co_await readBeastHead(x, *up, deadline, ec);
        if (!ec) break;
        if (ec == beast::error::timeout) co_return co_await fail(x, ec, 504);
        if (!mayRetry) co_return co_await fail(x, ec, 502);
        fresh = true;
    }
    // The answer: a 101 becomes a tunnel; otherwise the head, then the body, Content-Length framed
    // bytes as they are or re-framed by BodyFramer.
    if (!simple && response_->get().result_int() == 101 && x.upgrade) {
        record(&be, 101, start);
        co_return co_await tunnel(*response_, std::move(up), x.lease);
    }
    const auto plan = planResponse(x, *up, simple);
    RelayResult got;
    if (plan.length) {
        const auto ready = static_cast<std::size_t>(std::min<std::uint64_t>(*plan.length, up->buffer.size()));
        wd_.arm(lowest(client_), o_.bodyStallTimeout);
        co_await writeHead(client_, head_, up->buffer, ready, got.writeEc);
        wd_.settle(got.writeEc);
        if (!got.writeEc) up->buffer.consume(ready);
        if (!got.writeEc && *plan.length > ready) got = co_await receiveRest(*up, *plan.length - ready);
    } else {
        got = co_await receiveReframed(*up);
    }
    co_return finishResponse(x, std::move(up), plan, got, plan.length ? got.ok() : response_->is_done());
}

template <class Stream>
auto Session<Stream>::prepare(ReqParser& p, const RequestFields& fields, const Backend& be, Target::Lease lease,
                              bool clientKeepAlive, Clock::time_point start) -> Exchange {
    auto& req = p.get();
    const bool hasBody = !p.is_done();
    Exchange x{p, be, std::move(lease), fields.accept, clientKeepAlive, start, fields.upgrade, req.version() < 11,
               fields.expectContinue, hasBody, isIdempotent(req.method()) && !hasBody, identityLength(p), p.is_done()};
    host_.assign(fields.host);
    if (fields.hasExpect) req.erase(http::field::expect);  // we answer 100 Continue ourselves, before the body
    stripHopByHop(req, x.upgrade);
    forwarded_ = takeForwarded(req, {ip_, tls_, host_, be.proxyMark});
    req.version(11);
    return x;
}

// A new connection to the lease's target; a target that refuses it hands the request to another
// replica (nothing was sent yet, so any method may go there), whose pooled connection is taken first.
template <class Stream>
Task<std::shared_ptr<UpstreamConn>> Session<Stream>::connectFor(Exchange& x, int& attempt, beast::error_code& ec) {
    for (;; ++attempt) {
        auto up = co_await connectUpstream(x.lease->endpoint(), o_.connectTimeout, ec);
        if (up) {
            x.lease->markConnectSuccess();
            co_return up;
        }
        x.lease->markConnectFailure();
        sh_.metrics.upstreamConnectError();
        if (attempt >= 2) co_return nullptr;
        auto other = x.be.pick();
        if (!other || other.get() == x.lease.get()) co_return nullptr;
        x.lease = std::move(other);
        if (auto pooled = w_.pool.take(x.lease->key())) {
            ++attempt;
            co_return pooled;
        }
    }
}

template <class Stream>
Task<bool> Session<Stream>::sendContinue() {
    static constexpr std::string_view cont = "HTTP/1.1 100 Continue\r\n\r\n";
    beast::error_code ec;
    wd_.arm(lowest(client_), o_.bodyStallTimeout);
    co_await asio::async_write(client_, asio::buffer(cont.data(), cont.size()), redirect(ec));
    wd_.settle(ec);
    co_return !ec;
}

// The header for the upstream, into head_: the request's own lines, then the forwarding headers.
template <class Stream>
void Session<Stream>::writeRequestHead() {
    head_.clear();
    appendHeaderLines(head_, request_->get());
    appendForwarded(head_, forwarded_);
    head_ += "\r\n";
}

// The part of a Content-Length body that had not arrived with the header, relayed as it comes.
template <class Stream>
Task<RelayResult> Session<Stream>::sendRest(UpstreamConn& up, std::uint64_t rest) {
    co_return co_await relayRest(wd_, client_, up.socket, rest, chunk_, o_.bodyStallTimeout, o_.requestTimeout);
}

// Only a chunked request gets here (a request has no close-delimited body): re-framed by BodyFramer.
template <class Stream>
Task<RelayResult> Session<Stream>::sendChunked(Exchange& x, UpstreamConn& up) {
    BodyFramer framer(Framing::Chunked, head_);
    co_return co_await relay(wd_, client_, buf_, x.p, up.socket, framer, chunk_, o_.bodyStallTimeout, o_.requestTimeout);
}

// What the fast path declined (or never tries: HEAD answers, upgrades) through Beast's parser
// (response_), which skips 1xx answers other than a 101.
template <class Stream>
Task<void> Session<Stream>::readBeastHead(Exchange& x, UpstreamConn& up, Clock::time_point deadline,
                                          beast::error_code& ec) {
    for (auto& rp = response_;;) {
        rp.emplace();
        // Beast 1.74 compares Content-Length against an empty optional as "exceeded": use a huge limit instead.
        rp->body_limit(std::numeric_limits<std::uint64_t>::max());
        if (x.p.get().method() == http::verb::head) rp->skip(true);
        co_await readHeader(wd_, up.socket, deadline, up.buffer, *rp, ec);
        if (ec || rp->get().result_int() / 100 != 1 || rp->get().result_int() == 101) co_return;
    }
}

// How the answer goes to the client: the fast path's head is in head_ already; Beast's is rewritten there.
template <class Stream>
ResponsePlan Session<Stream>::planResponse(const Exchange& x, UpstreamConn& up, const std::optional<SimpleResponse>& simple) {
    if (!simple) return planBeastResponse(*response_, x.clientKeepAlive, x.clientHttp10);
    up.buffer.consume(simple->headLength);  // head_ holds the header for the client already
    return {simple->status, simple->upstreamKeepAlive, x.clientKeepAlive, simple->contentLength};
}

// The part of a Content-Length body that had not arrived with the header, relayed as it comes.
template <class Stream>
Task<RelayResult> Session<Stream>::receiveRest(UpstreamConn& up, std::uint64_t rest) {
    co_return co_await relayRest(wd_, up.socket, client_, rest, chunk_, o_.requestTimeout, o_.bodyStallTimeout);
}

// A chunked or close-delimited answer, re-framed for the client by BodyFramer.
template <class Stream>
Task<RelayResult> Session<Stream>::receiveReframed(UpstreamConn& up) {
    auto& rp = *response_;
    BodyFramer framer(rp.get().chunked() ? Framing::Chunked : Framing::Raw, head_);
    co_return co_await relay(wd_, up.socket, up.buffer, rp, client_, framer, chunk_, o_.requestTimeout, o_.bodyStallTimeout);
}

// Counts the answer and gives the connection back to the pool when it is clean (`done`: the whole
// answer was read from it); true: the client's connection stays.
template <class Stream>
bool Session<Stream>::finishResponse(Exchange& x, std::shared_ptr<UpstreamConn> up, const ResponsePlan& plan,
                                     const RelayResult& got, bool done) {
    record(&x.be, got.ok() ? plan.status : 0, x.start);
    if (got.ok() && plan.upstreamKeepAlive && done && up->buffer.size() == 0) w_.pool.give(x.lease->key(), std::move(up));
    return got.ok() && plan.clientKeep;
}

// The cause goes to the log, never to the client.
template <class Stream>
Task<bool> Session<Stream>::fail(Exchange& x, const beast::error_code& ec, int status) {
    log::debug("proxy_upstream_error", {{"route", x.be.name}, {"status", std::to_string(status)}, {"error", ec.message()}});
    record(&x.be, status, x.start);
    co_return co_await respondError(status, x.accept, x.clientKeepAlive && (x.requestDone || x.p.is_done()));
}

template <class Stream>
ResponsePlan Session<Stream>::planBeastResponse(ResParser& rp, bool clientKeepAlive, bool clientHttp10) {
    auto& res = rp.get();
    ResponsePlan plan{static_cast<int>(res.result_int()), rp.keep_alive(), clientKeepAlive, std::nullopt};
    stripHopByHop(res, false);
    res.version(11);
    if (rp.need_eof() && !rp.is_done()) {
        // Upstream delimits by closing: re-frame as chunked so the client connection survives.
        if (clientHttp10) plan.clientKeep = false;
        else res.chunked(true);
    }
    res.keep_alive(plan.clientKeep);
    plan.length = identityLength(rp);
    head_.clear();
    appendHeader(head_, res);
    return plan;
}

template <class Stream>
Task<bool> Session<Stream>::tunnel(ResParser& rp, std::shared_ptr<UpstreamConn> up, Target::Lease& lease) {
    auto& res = rp.get();
    stripHopByHop(res, true);
    res.body().data = nullptr;
    res.body().size = 0;
    res.body().more = false;
    beast::error_code ec;
    http::response_serializer<http::buffer_body> sr{res};
    wd_.arm(lowest(client_), o_.bodyStallTimeout);
    co_await http::async_write(client_, sr, redirect(ec));
    wd_.settle(ec);
    if (ec && ec != http::error::need_buffer) co_return false;
    // Bytes that arrived with the handshake belong to the tunnel.
    // (The tunnel has no timeouts: a WebSocket may idle for hours.)
    if (up->buffer.size()) {
        co_await asio::async_write(client_, up->buffer.data(), redirect(ec));
        up->buffer.consume(up->buffer.size());
    }
    if (!ec && buf_.size()) {
        co_await asio::async_write(up->socket, buf_.data(), redirect(ec));
        buf_.consume(buf_.size());
    }
    if (ec) co_return false;

    auto ex = co_await asio::this_coro::executor;
    std::weak_ptr<UpstreamConn> weak = up;
    // Draining closes tunnels at once: a WebSocket would otherwise hold the old target forever.
    auto id = lease->registerUpgraded([weak, ex] {
        asio::post(ex, [weak] {
            if (auto c = weak.lock()) {
                beast::error_code ignored;
                c->socket.shutdown(asio::socket_base::shutdown_both, ignored);
            }
        });
    });
    auto& clientSock = lowest(client_);
    auto& upSock = up->socket;
    Timer done(ex, Timer::time_point::max());
    bool finished = false;
    asio::co_spawn(
        ex,
        [&]() -> Task<void> {
            co_await pump(up->socket, client_, clientSock, upSock);
            finished = true;
            done.cancel();
        },
        asio::detached);
    co_await pump(client_, up->socket, clientSock, upSock);
    if (!finished) co_await done.async_wait(redirect(ec));
    lease->unregisterUpgraded(id);
    co_return false;
}

template <class Stream>
Task<bool> Session<Stream>::respond(int status, std::string_view contentType, std::string body, bool keepAlive,
                                         std::string_view location) {
    http::response<http::string_body> res{static_cast<http::status>(status), 11};
    res.set(http::field::content_type, bsv(contentType));
    res.set(http::field::cache_control, "no-store");
    if (!location.empty()) res.set(http::field::location, bsv(location));
    res.keep_alive(keepAlive);
    res.body() = std::move(body);
    res.prepare_payload();
    beast::error_code ec;
    wd_.arm(lowest(client_), o_.bodyStallTimeout);
    co_await http::async_write(client_, res, redirect(ec));
    wd_.settle(ec);
    co_return keepAlive && !ec;
}

template <class Stream>
Task<void> serve(Worker& w, Watchdog& wd, Stream& stream, bool tls, std::string ip) {
    Session<Stream> session(w, wd, stream, tls, std::move(ip));
    co_await session.run();
}

Task<void> servePlain(Worker& w, TcpSocket socket, std::string ip) {
    Watchdog wd(w.ioc.get_executor());
    co_await serve(w, wd, socket, false, std::move(ip));
    beast::error_code ec;
    socket.shutdown(asio::socket_base::shutdown_send, ec);
}

Task<void> serveTls(Worker& w, TcpSocket socket, std::string ip) {
    Watchdog wd(w.ioc.get_executor());
    beast::ssl_stream<TcpSocket> stream(std::move(socket), w.shared.certs.serverContext());
    beast::error_code ec;
    wd.arm(lowest(stream), w.shared.opts.tlsHandshakeTimeout);
    co_await stream.async_handshake(asio::ssl::stream_base::server, redirect(ec));
    wd.settle(ec);
    if (ec) co_return;
    co_await serve(w, wd, stream, true, std::move(ip));
    wd.arm(lowest(stream), std::chrono::seconds(1));
    co_await stream.async_shutdown(redirect(ec));
    wd.settle(ec);
}

Task<void> sessionMain(Worker& w, TcpSocket socket, std::string ip, bool tls) {
    try {
        if (tls) co_await serveTls(w, std::move(socket), std::move(ip));
        else co_await servePlain(w, std::move(socket), std::move(ip));
    } catch (const std::exception& e) {
        log::warn("proxy_session_error", {{"error", e.what()}});
    }
    w.shared.metrics.connectionClosed();
}

}  // namespace

void startSession(Worker& w, TcpSocket socket, bool tls) {
    beast::error_code ec;
    auto remote = socket.remote_endpoint(ec);
    if (ec) return;
    socket.set_option(tcp::no_delay(true), ec);
    std::string ip = remote.address().to_string();
    w.shared.metrics.connectionOpened();
    asio::co_spawn(w.ioc, sessionMain(w, std::move(socket), std::move(ip), tls), asio::detached);
}

}  // namespace rivetr::proxy
