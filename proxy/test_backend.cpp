// Test upstream on its own io_context thread; streams bodies so memory tests measure only the proxy.
#include "proxy/test_backend.hpp"

#include <boost/beast/websocket.hpp>

#include "proxy/asio.hpp"

namespace rivetr::proxy::test {
namespace websocket = boost::beast::websocket;

namespace {
auto redirect(beast::error_code& ec) { return asio::redirect_error(use_awaitable, ec); }

std::uint64_t queryNumber(std::string_view target, std::string_view key) {
    auto pos = target.find(std::string(key) + "=");
    if (pos == std::string_view::npos) return 0;
    return std::stoull(std::string(target.substr(pos + key.size() + 1)));
}
}  // namespace

struct TestBackend::Impl {
    asio::io_context ioc{1};
    explicit Impl(std::uint16_t port) : acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port)) {}
    tcp::acceptor acceptor;
    std::thread thread;
    mutable std::mutex mu;
    std::string lastHeaders;
    TestBackend* owner = nullptr;

    awaitable<void> acceptLoop() {
        for (;;) {
            beast::error_code ec;
            auto s = co_await acceptor.async_accept(redirect(ec));
            if (ec) co_return;
            asio::co_spawn(ioc, serve(beast::tcp_stream(std::move(s))), asio::detached);
        }
    }

    awaitable<void> websocketEcho(beast::tcp_stream stream, http::request<http::empty_body> req) {
        websocket::stream<beast::tcp_stream> ws(std::move(stream));
        beast::error_code ec;
        co_await ws.async_accept(req, redirect(ec));
        beast::flat_buffer buf;
        while (!ec) {
            co_await ws.async_read(buf, redirect(ec));
            if (ec) break;
            ws.text(ws.got_text());
            co_await ws.async_write(buf.data(), redirect(ec));
            buf.consume(buf.size());
        }
    }

    awaitable<void> serve(beast::tcp_stream stream) {
        beast::flat_buffer buf;
        beast::error_code ec;
        for (;;) {
            http::request_parser<http::buffer_body> p;
            p.body_limit(std::numeric_limits<std::uint64_t>::max());  // Beast 1.74: none means "exceeded"
            co_await http::async_read_header(stream, buf, p, redirect(ec));
            if (ec) co_return;
            owner->requests_++;
            auto& req = p.get();
            {
                std::ostringstream os;
                for (auto& f : req) os << f.name_string() << ": " << f.value() << "\n";
                std::lock_guard lock(mu);
                lastHeaders = os.str();
            }
            std::string target(req.target());
            // Drain the body, counting bytes, 64 KiB at a time.
            std::uint64_t count = 0;
            std::array<char, 65536> chunk;
            while (!p.is_done()) {
                req.body().data = chunk.data();
                req.body().size = chunk.size();
                co_await http::async_read(stream, buf, p, redirect(ec));
                if (ec == http::error::need_buffer) ec = {};
                if (ec) co_return;
                count += chunk.size() - req.body().size;
            }
            if (websocket::is_upgrade(req)) {
                http::request<http::empty_body> head{req.method(), req.target(), req.version()};
                for (auto& f : req) head.set(f.name_string(), f.value());
                co_await websocketEcho(std::move(stream), std::move(head));
                co_return;
            }
            const bool keep = req.keep_alive();
            if (target.rfind("/bytes", 0) == 0) {
                if (!co_await sendBytes(stream, queryNumber(target, "n"), keep)) co_return;
                if (!keep) co_return;
                continue;
            }
            http::response<http::string_body> res{http::status::ok, 11};
            res.set(http::field::content_type, "text/plain");
            if (target.rfind("/slow", 0) == 0) {
                asio::steady_timer t(ioc, std::chrono::milliseconds(queryNumber(target, "ms")));
                co_await t.async_wait(redirect(ec));
                res.body() = "slow done from " + owner->name_;
            } else if (target.rfind("/count", 0) == 0) {
                res.body() = std::to_string(count);
            } else if (target.rfind("/headers", 0) == 0) {
                std::lock_guard lock(mu);
                res.body() = lastHeaders;
            } else if (target.rfind("/status", 0) == 0) {
                res.result(static_cast<unsigned>(queryNumber(target, "code")));
                res.body() = "status";
            } else {
                res.body() = "hello from " + owner->name_;
            }
            res.keep_alive(keep);
            res.prepare_payload();
            co_await http::async_write(stream, res, redirect(ec));
            if (ec || !keep) co_return;
        }
    }

    awaitable<bool> sendBytes(beast::tcp_stream& stream, std::uint64_t n, bool keep) {
        http::response<http::buffer_body> res{http::status::ok, 11};
        res.set(http::field::content_type, "application/octet-stream");
        res.content_length(n);
        res.keep_alive(keep);
        res.body().data = nullptr;
        res.body().more = true;
        http::response_serializer<http::buffer_body> sr{res};
        beast::error_code ec;
        co_await http::async_write_header(stream, sr, redirect(ec));
        std::array<char, 65536> chunk;
        chunk.fill('x');
        while (n > 0 && !ec) {
            auto len = std::min<std::uint64_t>(n, chunk.size());
            co_await asio::async_write(stream, asio::buffer(chunk.data(), len), redirect(ec));
            n -= len;
        }
        co_return !ec;
    }
};

TestBackend::TestBackend(std::string name, std::uint16_t port) : name_(std::move(name)), impl_(std::make_unique<Impl>(port)) {
    impl_->owner = this;
    port_ = impl_->acceptor.local_endpoint().port();
    asio::co_spawn(impl_->ioc, impl_->acceptLoop(), asio::detached);
    impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

TestBackend::~TestBackend() {
    impl_->ioc.stop();
    impl_->thread.join();
}

std::string TestBackend::lastRequestHeaders() const {
    std::lock_guard lock(impl_->mu);
    return impl_->lastHeaders;
}

}  // namespace rivetr::proxy::test
