// One open terminal: the browser's WebSocket on one side, the container's TTY exec on the other, until either ends.
#include "terminal/terminal_session.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "runtime/runtime_error.hpp"
#include "runtime/tty_exec_teardown.hpp"
#include "terminal/terminal_frames.hpp"

namespace rivetr::terminal {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr std::size_t kMaxClientMessage = 1024 * 1024;  // a paste; more is a protocol error (close 1009)
// Bounds writing the 101 (the request is already read) and waiting for the client's answer to our close
// frame: the exec's teardown starts only after that, so a browser that vanished must not hold it long.
constexpr auto kHandshakeTimeout = std::chrono::seconds(3);

http::request<http::empty_body> handshakeOf(const UpgradeRequest& u) {
    http::request<http::empty_body> req{http::verb::get, u.target, 11};
    req.set(http::field::host, u.host);
    req.set(http::field::upgrade, "websocket");
    req.set(http::field::connection, "Upgrade");
    req.set(http::field::sec_websocket_key, u.key);
    req.set(http::field::sec_websocket_version, u.version);
    return req;
}

tcp protocolOf(int fd) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
    return ss.ss_family == AF_INET6 ? tcp::v6() : tcp::v4();
}

}  // namespace

struct TerminalSession::Impl {
    Impl(SessionStart s, const TerminalOptions& o, TerminalAuditSink a)
        : start(std::move(s)), options(o), audit(std::move(a)), ws(ioc), execStream(ioc), idle(ioc) {}

    void run();
    awaitable<void> handshake();
    awaitable<void> clientLoop();
    awaitable<void> outputLoop(std::string early);
    awaitable<void> closeWebSocket();
    bool attach(const ClientFrame& first);
    void resize(const ClientFrame& f);
    void armIdle();
    void finish(const std::string& why);
    void teardown();
    void spawn(awaitable<void> task);

    SessionStart start;
    TerminalOptions options;
    TerminalAuditSink audit;
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws;
    asio::posix::stream_descriptor execStream;
    asio::steady_timer idle;
    bool opened = false, attached = false, finished = false;
    bool clientGone = false;  // its connection failed: no close frame to send, none to wait for
    int active = 0;           // coroutines spawned and not yet over
    std::string reason;
};

TerminalSession::TerminalSession(SessionStart start, const TerminalOptions& options, TerminalAuditSink audit)
    : impl_(std::make_unique<Impl>(std::move(start), options, std::move(audit))) {}

TerminalSession::~TerminalSession() = default;

void TerminalSession::run() { impl_->run(); }

void TerminalSession::stop(const std::string& reason) {
    asio::post(impl_->ioc, [impl = impl_.get(), reason] { impl->finish(reason); });
}

void TerminalSession::Impl::run() {
    boost::system::error_code ec;
    beast::get_lowest_layer(ws).socket().assign(protocolOf(start.fd), start.fd, ec);
    if (ec) {
        ::close(start.fd);
        return;
    }
    start.record.startedMs = nowMs();
    start.record.containerId = start.exec.containerId;
    start.record.execId = start.exec.execId;
    start.record.shell = start.exec.shell;
    spawn(handshake());
    ioc.run();
    teardown();
}

// Every coroutine ends the session on any failure: an exception must never leave a half-open terminal.
awaitable<void> TerminalSession::Impl::handshake() {
    try {
        beast::get_lowest_layer(ws).expires_never();  // the WebSocket's own timeouts govern from here
        ws.set_option(websocket::stream_base::timeout{kHandshakeTimeout, options.pingTimeout, true});
        ws.read_message_max(kMaxClientMessage);
        co_await ws.async_accept(handshakeOf(start.request), use_awaitable);
    } catch (const std::exception& e) {
        finish(std::string("handshake failed: ") + e.what());
        co_return;
    }
    if (finished) {  // stop() came during the handshake
        co_await closeWebSocket();
        co_return;
    }
    opened = true;
    if (audit) audit("open", start.record);
    armIdle();
    spawn(clientLoop());
}

awaitable<void> TerminalSession::Impl::clientLoop() {
    beast::flat_buffer buf;
    try {
        for (;;) {
            boost::system::error_code ec;
            co_await ws.async_read(buf, asio::redirect_error(use_awaitable, ec));
            if (ec) {
                clientGone = ec != websocket::error::closed;
                finish(clientGone ? "client gone: " + ec.message() : "client closed");
                co_return;
            }
            auto payload = beast::buffers_to_string(buf.data());
            buf.consume(buf.size());
            auto frame = classifyFrame(ws.got_text(), payload);
            armIdle();
            if (!attached && !attach(frame)) co_return;
            if (frame.kind == ClientFrame::Kind::Resize) resize(frame);
            if (frame.kind != ClientFrame::Kind::Data || payload.empty()) continue;
            start.record.bytesIn += payload.size();
            co_await asio::async_write(execStream, asio::buffer(payload), asio::redirect_error(use_awaitable, ec));
            if (ec) {
                finish("the shell's input closed");
                co_return;
            }
        }
    } catch (const std::exception& e) {
        finish(std::string("client side failed: ") + e.what());
    }
}

// The exec starts here, on the client's first frame: a resize then reaches the TTY before any output
// is read from it (the engine's API 1.41 cannot give the size at start).
bool TerminalSession::Impl::attach(const ClientFrame& first) {
    try {
        auto conn = start.engine->attachTtyExec(start.exec.execId);
        attached = true;
        if (first.kind == ClientFrame::Kind::Resize) resize(first);
        auto early = conn.takeEarlyOutput();
        execStream.assign(conn.release());
        spawn(outputLoop(std::move(early)));
        return true;
    } catch (const std::exception& e) {
        finish(std::string("could not start the shell: ") + e.what());
        return false;
    }
}

void TerminalSession::Impl::resize(const ClientFrame& f) {
    try {
        start.engine->resizeExec(start.exec.execId, f.cols, f.rows);
    } catch (const runtime::RuntimeError& e) {
        log::warn("terminal.resize_failed", {{"exec", start.exec.execId}, {"error", e.daemonMessage()}});
    }
}

// The only writer of data frames; the close frame follows its last write.
awaitable<void> TerminalSession::Impl::outputLoop(std::string early) {
    try {
        boost::system::error_code ec;
        ws.binary(true);
        if (!early.empty()) {
            start.record.bytesOut += early.size();
            co_await ws.async_write(asio::buffer(early), asio::redirect_error(use_awaitable, ec));
        }
        std::array<char, 16384> chunk{};
        while (!ec && !finished) {
            auto n = co_await execStream.async_read_some(asio::buffer(chunk), asio::redirect_error(use_awaitable, ec));
            if (ec) {
                finish(ec == asio::error::eof ? "shell exited" : "the shell's output closed");
                break;
            }
            start.record.bytesOut += n;
            co_await ws.async_write(asio::buffer(chunk.data(), n), asio::redirect_error(use_awaitable, ec));
            if (ec) {
                clientGone = true;
                finish("client gone: " + ec.message());
            }
        }
    } catch (const std::exception& e) {
        finish(std::string("output failed: ") + e.what());
    }
    co_await closeWebSocket();
}

awaitable<void> TerminalSession::Impl::closeWebSocket() {
    if (!ws.is_open() || clientGone) co_return;
    boost::system::error_code ec;
    websocket::close_reason why(websocket::close_code::normal, reason.substr(0, 120));
    co_await ws.async_close(why, asio::redirect_error(use_awaitable, ec));
}

// Why the event loop is stopped by hand: Beast's WebSocket keeps its ping timer armed while the stream
// has not seen a close, so after a client vanished ioc.run() returned only at the next ping (measured:
// 15 s, half the ping timeout), and the exec's teardown waited for it. Once every coroutine is over
// nothing is left to do.
void TerminalSession::Impl::spawn(awaitable<void> task) {
    ++active;
    asio::co_spawn(ioc, std::move(task), [this](const std::exception_ptr&) {
        if (--active == 0) ioc.stop();
    });
}

void TerminalSession::Impl::armIdle() {
    idle.expires_after(options.idleTimeout);
    idle.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) finish("idle timeout");
    });
}

// The first reason wins. With the exec attached, its output loop sends the close frame after its last
// write (one writer at a time); before that, nothing else writes, so it is sent from here.
void TerminalSession::Impl::finish(const std::string& why) {
    if (finished) return;
    finished = true;
    reason = why;
    idle.cancel();
    boost::system::error_code ignored;
    if (attached) {
        execStream.cancel(ignored);
    } else if (opened) {
        spawn(closeWebSocket());
    }  // else the handshake is still running: it checks `finished` when it completes
}

// After the event loop: EOF to the exec (closing its connection), then make sure it is over, then audit.
void TerminalSession::Impl::teardown() {
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws).close();
    if (execStream.is_open()) {
        ::shutdown(execStream.native_handle(), SHUT_WR);
        execStream.close(ignored);
    }
    auto endedAt = nowMs();
    if (attached) {
        auto ending = runtime::endTtyExec(*start.engine, {start.exec.containerId, start.exec.execId, start.exec.shell,
                                                          start.exec.marker, options.eofGrace, options.signalGrace});
        start.record.ending = runtime::toString(ending);
        if (ending == runtime::TtyExecEnding::StillRunning)
            log::warn("terminal.exec_left_running", {{"container", start.exec.containerId}, {"exec", start.exec.execId}});
    } else {
        start.record.ending = "never_started";
    }
    start.record.endedMs = nowMs();
    start.record.reason = reason.empty() ? "ended" : reason;
    log::info("terminal.closed", {{"container", start.exec.containerId}, {"actor", start.record.actor},
                                  {"reason", start.record.reason}, {"ending", start.record.ending},
                                  {"teardown_ms", std::to_string(start.record.endedMs - endedAt)}});
    if (audit && opened) audit("close", start.record);
}

}  // namespace rivetr::terminal
