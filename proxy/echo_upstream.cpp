// A keep-alive upstream for framing tests that records every byte it receives and echoes each request it parses.
#include "proxy/echo_upstream.hpp"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "proxy/asio.hpp"

namespace rivetr::proxy::test {

struct EchoUpstream::Impl {
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::thread thread;
    mutable std::mutex mu;
    std::string received;
    std::atomic<int> requests{0}, bad{0};

    awaitable<void> acceptLoop() {
        for (;;) {
            beast::error_code ec;
            auto s = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
            if (ec) co_return;
            asio::co_spawn(ioc, serve(std::move(s)), asio::detached);
        }
    }

    static std::string answer(const http::request<http::string_body>& req) {
        const std::string target(req.target());
        if (target == "/empty-chunked") return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
        const std::string body = std::string(req.method_string()) + " " + target + " " + req.body();
        return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    }

    // Parses what `pending` holds into complete requests and answers each; false to close.
    bool answerComplete(std::string& pending, std::string& out) {
        while (!pending.empty()) {
            http::request_parser<http::string_body> p;
            p.eager(true);
            beast::error_code ec;
            std::size_t used = 0;
            for (;;) {
                const auto n = p.put(asio::buffer(pending.data() + used, pending.size() - used), ec);
                used += n;
                if (ec == http::error::need_more) ec = {};
                if (ec || p.is_done() || n == 0 || used == pending.size()) break;
            }
            if (ec) {
                ++bad;
                out += "HTTP/1.1 400 Bad Request\r\nContent-Length: 12\r\nConnection: close\r\n\r\nbad request\n";
                return false;
            }
            if (!p.is_done()) return true;  // the rest is still on its way
            pending.erase(0, used);
            ++requests;
            out += answer(p.get());
        }
        return true;
    }

    awaitable<void> serve(tcp::socket s) {
        std::string pending, out;
        std::array<char, 4096> buf;
        for (bool open = true; open;) {
            beast::error_code ec;
            auto n = co_await s.async_read_some(asio::buffer(buf), asio::redirect_error(use_awaitable, ec));
            if (ec) co_return;
            {
                std::lock_guard lock(mu);
                received.append(buf.data(), n);
            }
            pending.append(buf.data(), n);
            out.clear();
            open = answerComplete(pending, out);
            if (!out.empty()) co_await asio::async_write(s, asio::buffer(out), asio::redirect_error(use_awaitable, ec));
        }
        beast::error_code ignored;
        s.shutdown(tcp::socket::shutdown_both, ignored);
    }
};

EchoUpstream::EchoUpstream() : impl_(std::make_unique<Impl>()) {
    asio::co_spawn(impl_->ioc, impl_->acceptLoop(), asio::detached);
    impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

EchoUpstream::~EchoUpstream() {
    impl_->ioc.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

std::uint16_t EchoUpstream::port() const { return impl_->acceptor.local_endpoint().port(); }
int EchoUpstream::requests() const { return impl_->requests.load(); }
int EchoUpstream::badRequests() const { return impl_->bad.load(); }
std::string EchoUpstream::received() const {
    std::lock_guard lock(impl_->mu);
    return impl_->received;
}

}  // namespace rivetr::proxy::test
