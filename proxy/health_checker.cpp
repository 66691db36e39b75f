// Health check loop: fresh connection per check (a pooled one would hide a restarting app).
#include "proxy/health_checker.hpp"

#include "core/log.hpp"
#include "proxy/upstream_pool.hpp"

namespace rivetr::proxy {
namespace {

Task<void> checkLoop(std::weak_ptr<Target> weak) {
    auto ex = co_await asio::this_coro::executor;
    Timer timer(ex);
    for (;;) {
        std::chrono::milliseconds interval;
        {
            auto t = weak.lock();
            if (!t) co_return;
            auto s = t->state();
            if (s == TargetState::draining || s == TargetState::gone) co_return;
            interval = t->health().interval;
        }
        timer.expires_after(interval);
        beast::error_code ec;
        co_await timer.async_wait(redirect(ec));
        if (ec) co_return;
        auto t = weak.lock();
        if (!t) co_return;
        const auto before = t->state();
        const bool ok = co_await checkOnce(t->endpoint(), t->health());
        t->reportCheck(ok);
        if (t->state() != before) {
            log::info("proxy_target_health", {{"target", t->key()}, {"owner", t->owner()}, {"state", toString(t->state())}});
        }
    }
}

}  // namespace

Task<bool> checkOnce(const Endpoint& ep, const HealthCheckSpec& spec) {
    beast::error_code ec;
    auto conn = co_await connectUpstream(ep, spec.timeout, ec);
    if (!conn) co_return false;
    http::request<http::empty_body> req{http::verb::get, spec.path, 11};
    req.set(http::field::host, ep.key());
    req.set(http::field::user_agent, "rivetr-health");
    req.keep_alive(false);
    TcpStream stream(std::move(conn->socket));
    stream.expires_after(spec.timeout);
    co_await http::async_write(stream, req, redirect(ec));
    if (ec) co_return false;
    http::response_parser<http::empty_body> p;
    p.skip(true);  // only the status matters; never read an unbounded body
    co_await http::async_read_header(stream, conn->buffer, p, redirect(ec));
    if (ec) co_return false;
    const auto status = p.get().result_int();
    co_return status >= 200 && status < 400;
}

void startHealthChecks(Executor ex, std::shared_ptr<Target> target) {
    if (!target->health().enabled()) return;
    asio::co_spawn(ex, checkLoop(target), asio::detached);
}

}  // namespace rivetr::proxy
