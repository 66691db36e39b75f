// The per-connection watchdog on real sockets: a stalled operation ends as a timeout, a finished one is never cut afterwards.
#include <gtest/gtest.h>

#include "proxy/asio.hpp"
#include "proxy/watchdog.hpp"

namespace rivetr::proxy {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A connected loopback pair on one io_context.
struct Pair {
    asio::io_context ioc;
    TcpSocket a{ioc.get_executor()}, b{ioc.get_executor()};
    Pair() {
        TcpAcceptor acc(ioc.get_executor(), tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        a.connect(acc.local_endpoint());
        b = acc.accept();
    }
    template <class F>
    void run(F body) {
        asio::co_spawn(ioc, body(), [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
        ioc.run();
    }
};

TEST(Watchdog, AStalledReadEndsAsATimeoutAfterItsDeadline) {
    Pair p;
    beast::error_code ec;
    Clock::duration took{};
    p.run([&]() -> Task<void> {
        Watchdog wd(p.ioc.get_executor());
        char c;
        const auto start = Clock::now();
        wd.arm(p.a, 5s);  // a later deadline first, then an earlier one: the earlier one counts
        wd.arm(p.a, 150ms);
        co_await p.a.async_read_some(asio::buffer(&c, 1), redirect(ec));
        wd.settle(ec);
        took = Clock::now() - start;
    });
    EXPECT_EQ(ec, beast::error::timeout);
    EXPECT_GE(took, 140ms);
    EXPECT_LT(took, 2s);
}

TEST(Watchdog, AFinishedOperationIsNeverCancelledLater) {
    Pair p;
    beast::error_code first, second;
    std::string got;
    p.run([&]() -> Task<void> {
        Watchdog wd(p.ioc.get_executor());
        char c[8];
        co_await asio::async_write(p.b, asio::buffer("x", 1), redirect(first));
        wd.arm(p.a, 100ms);
        auto n = co_await p.a.async_read_some(asio::buffer(c), redirect(first));
        wd.settle(first);
        got.assign(c, n);
        // Past the old deadline, a read with a long timeout must still get its data.
        Timer t(p.ioc.get_executor(), 300ms);
        co_await t.async_wait(redirect(second));
        wd.arm(p.a, 5s);
        Timer later(p.ioc.get_executor(), 100ms);
        co_await later.async_wait(redirect(second));
        co_await asio::async_write(p.b, asio::buffer("y", 1), redirect(second));
        n = co_await p.a.async_read_some(asio::buffer(c), redirect(second));
        wd.settle(second);
        got.append(c, n);
    });
    EXPECT_FALSE(first) << first.message();
    EXPECT_FALSE(second) << second.message();
    EXPECT_EQ(got, "xy");
}

}  // namespace
}  // namespace rivetr::proxy
