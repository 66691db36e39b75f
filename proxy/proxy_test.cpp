// The proxy end to end on real sockets: routing, error pages, headers, WebSocket, switching and draining.
#include <gtest/gtest.h>

#include <boost/beast/websocket.hpp>
#include <atomic>
#include <latch>
#include <thread>

#include "core/log.hpp"
#include "proxy/asio.hpp"
#include "proxy/proxy_test_util.hpp"
#include "proxy/test_backend.hpp"

namespace rivetr::proxy {
namespace {
using test::app;
using test::get;
using test::TestBackend;

class ProxyTest : public ::testing::Test {
protected:
    void startProxy(ProxyOptions o = test::testOptions()) {
        proxy = std::make_unique<Proxy>(o);
        proxy->start();
        port = proxy->httpPort();
    }
    void SetUp() override {
        if (const char* lvl = std::getenv("RIVETR_TEST_LOG")) rivetr::log::init(lvl);
        startProxy();
    }
    std::unique_ptr<Proxy> proxy;
    std::uint16_t port = 0;
};

TEST_F(ProxyTest, RoutesByExactHostWildcardAndHostWithPort) {
    TestBackend a("a"), b("b");
    proxy->switchApp(app("a", {"a.example.com"}, {a.port()}));
    proxy->switchApp(app("b", {"*.apps.example.com"}, {b.port()}));
    EXPECT_EQ(get(port, "a.example.com", "/hello").body, "hello from a");
    EXPECT_EQ(get(port, "A.Example.COM:8080", "/hello").body, "hello from a");
    EXPECT_EQ(get(port, "x.apps.example.com", "/hello").body, "hello from b");
    EXPECT_EQ(get(port, "y.z.apps.example.com:443", "/hello").body, "hello from b");
}

TEST_F(ProxyTest, UnknownHostIs404JsonOrHtml) {
    auto json = get(port, "nobody.example.com", "/");
    EXPECT_EQ(json.status, 404);
    EXPECT_EQ(json.headers["content-type"], "application/json");
    EXPECT_NE(json.body.find("\"code\":\"unknown_host\""), std::string::npos);
    auto html = get(port, "nobody.example.com", "/", {"Accept: text/html,application/xhtml+xml"});
    EXPECT_EQ(html.status, 404);
    EXPECT_NE(html.body.find("<h1>404 Not Found</h1>"), std::string::npos);
}

TEST_F(ProxyTest, DeadUpstreamIs502WithoutInternalText) {
    proxy->switchApp(app("dead", {"dead.example.com"}, {static_cast<std::uint16_t>(rivetr::test::freePort())}));
    auto r = get(port, "dead.example.com", "/");
    EXPECT_EQ(r.status, 502);
    EXPECT_EQ(r.body.find("refused"), std::string::npos);
    EXPECT_NE(r.body.find("bad_gateway"), std::string::npos);
}

TEST_F(ProxyTest, NoHealthyTargetIs503) {
    TestBackend a("a");
    auto route = app("sick", {"sick.example.com"}, {a.port()});
    route.health.path = "/status?code=500";
    route.health.interval = std::chrono::milliseconds(30);
    route.health.unhealthyThreshold = 1;
    proxy->switchApp(route);
    for (int i = 0; i < 100 && proxy->targets().at(0).state != TargetState::unhealthy; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(proxy->targets().at(0).state, TargetState::unhealthy);
    auto r = get(port, "sick.example.com", "/hello", {"Accept: text/html"});
    EXPECT_EQ(r.status, 503);
    EXPECT_NE(r.body.find("Service Unavailable"), std::string::npos);
}

TEST_F(ProxyTest, SlowUpstreamIs504) {
    auto o = test::testOptions();
    o.requestTimeout = std::chrono::milliseconds(300);
    startProxy(o);
    TestBackend a("a");
    proxy->switchApp(app("slow", {"slow.example.com"}, {a.port()}));
    auto r = get(port, "slow.example.com", "/slow?ms=2000");
    EXPECT_EQ(r.status, 504);
    EXPECT_NE(r.body.find("gateway_timeout"), std::string::npos);
}

// Sends `bytes` (one byte every `dribble` when given), then waits (up to 5 s) for the proxy to
// close the connection; returns how long that took.
std::chrono::milliseconds closedAfter(std::uint16_t port, const std::string& bytes,
                                      std::chrono::milliseconds dribble = std::chrono::milliseconds(0)) {
    asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect({asio::ip::make_address("127.0.0.1"), port});
    timeval tv{5, 0};
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const auto start = std::chrono::steady_clock::now();
    if (dribble.count() == 0) {
        asio::write(s, asio::buffer(bytes));
    } else {
        beast::error_code wec;
        for (std::size_t i = 0; i < bytes.size() && !wec; ++i) {
            asio::write(s, asio::buffer(&bytes[i], 1), wec);
            std::this_thread::sleep_for(dribble);
        }
    }
    char buf[4096];
    beast::error_code ec;
    while (!ec) s.read_some(asio::buffer(buf), ec);  // a 408/400 page may come first; then the close
    EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

TEST_F(ProxyTest, ChunkedAndSizedBodiesPipelinedOnOneKeepAliveConnection) {
    TestBackend a("a");
    proxy->switchApp(app("a", {"a.example.com"}, {a.port()}));
    asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect({asio::ip::make_address("127.0.0.1"), port});
    // Chunked (re-framed by Beast's serializer) and Content-Length (written raw) bodies, then a GET,
    // all in one write: each must end exactly where the next request begins.
    asio::write(s, asio::buffer(std::string(
                       "POST /count HTTP/1.1\r\nHost: a.example.com\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
                       "POST /count HTTP/1.1\r\nHost: a.example.com\r\nContent-Length: 3\r\n\r\nabc"
                       "GET /hello HTTP/1.1\r\nHost: a.example.com\r\n\r\n")));
    beast::flat_buffer buf;
    std::vector<std::string> bodies;
    for (int i = 0; i < 3; ++i) {
        http::response<http::string_body> res;
        http::read(s, buf, res);
        EXPECT_EQ(res.result_int(), 200);
        EXPECT_TRUE(res.keep_alive());
        bodies.push_back(res.body());
    }
    EXPECT_EQ(bodies, (std::vector<std::string>{"12", "3", "hello from a"}));
}

TEST_F(ProxyTest, SlowClientsAreCutOffAtTheHeaderAndBodyTimeouts) {
    auto o = test::testOptions();
    o.headerTimeout = std::chrono::milliseconds(300);
    o.bodyStallTimeout = std::chrono::milliseconds(300);
    startProxy(o);
    TestBackend a("a");
    proxy->switchApp(app("a", {"a.example.com"}, {a.port()}));
    auto header = closedAfter(port, "GET /hello HTTP/1.1\r\nHost: a.exa");  // slowloris: the header never ends
    EXPECT_GE(header.count(), 250);
    EXPECT_LT(header.count(), 3000);
    // Slowloris proper: a byte every 50 ms keeps each read short, but the header as a whole is late.
    auto dribbled = closedAfter(port, "GET /hello HTTP/1.1\r\nHost: a.example.com\r\nX-Long: " + std::string(200, 'x'),
                                std::chrono::milliseconds(50));
    EXPECT_GE(dribbled.count(), 250);
    EXPECT_LT(dribbled.count(), 3000);
    auto body = closedAfter(port, "POST /count HTTP/1.1\r\nHost: a.example.com\r\nContent-Length: 100\r\n\r\nonly ten b");
    EXPECT_GE(body.count(), 250);
    EXPECT_LT(body.count(), 3000);
    EXPECT_EQ(get(port, "a.example.com", "/hello").body, "hello from a");  // the proxy still serves others
}

TEST_F(ProxyTest, AddsForwardedHeadersAndStripsHopByHop) {
    TestBackend a("a");
    proxy->switchApp(app("a", {"a.example.com"}, {a.port()}));
    auto r = get(port, "a.example.com", "/headers",
                 {"Connection: keep-alive, X-Hop", "X-Hop: secret", "Proxy-Authorization: x", "X-Forwarded-Proto: https"});
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("X-Forwarded-For: 127.0.0.1"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("X-Forwarded-Proto: http\n"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("X-Forwarded-Host: a.example.com"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("X-Request-Id: "), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("X-Hop"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("Proxy-Authorization"), std::string::npos) << r.body;
}

TEST_F(ProxyTest, RoundRobinAcrossReplicas) {
    TestBackend a("a"), b("b");
    proxy->switchApp(app("rr", {"rr.example.com"}, {a.port(), b.port()}));
    // Strict turns, not merely both seen: random choice would pass "both seen" 97% of the time.
    std::vector<std::string> order;
    for (int i = 0; i < 8; ++i) order.push_back(get(port, "rr.example.com", "/hello").body);
    for (std::size_t i = 1; i < order.size(); ++i) EXPECT_NE(order[i], order[i - 1]) << "request " << i;
    EXPECT_EQ(std::set<std::string>(order.begin(), order.end()), (std::set<std::string>{"hello from a", "hello from b"}));
}

TEST_F(ProxyTest, TwoAppsSwitchedConcurrentlyKeepBothRoutes) {
    // Two deployments switch at once (max_concurrent_deployments = 2): neither may drop the other's
    // route. 200 pairs (the race is narrow; 50 caught it on the old code only some of the time); in each, both apps switch back and forth (as retries and rollbacks do), each
    // switcher checking after every switch that its own route is what it just set (an edit built
    // on a stale copy of the table lands right after it), and both end on a known target, which
    // is what both domains must then serve.
    TestBackend a1("a1"), a2("a2"), b1("b1"), b2("b2");
    proxy->switchApp(app("a", {"a.example.com"}, {a1.port()})).get();
    proxy->switchApp(app("b", {"b.example.com"}, {b1.port()})).get();
    std::atomic<int> lost{0};
    auto switcher = [&](std::latch& go, const std::string& id, std::uint16_t p1, std::uint16_t p2, bool endOnFirst) {
        go.arrive_and_wait();
        std::vector<std::future<void>> drained;
        for (int k = 0; k < 20; ++k) {
            const auto want = (k % 2 == 1) == endOnFirst ? p1 : p2;
            drained.push_back(proxy->switchApp(app(id, {id + ".example.com"}, {want})));
            const auto now = proxy->desired();
            const auto it = now.apps.find(id);
            if (it == now.apps.end() || it->second.targets.at(0).port != want) ++lost;
        }
        for (auto& f : drained) f.get();
    };
    for (int i = 0; i < 200; ++i) {
        const bool odd = i % 2;
        std::latch go(2);
        std::thread ta(switcher, std::ref(go), "a", a1.port(), a2.port(), odd);
        std::thread tb(switcher, std::ref(go), "b", b1.port(), b2.port(), odd);
        ta.join();
        tb.join();
        ASSERT_EQ(get(port, "a.example.com", "/hello").body, odd ? "hello from a1" : "hello from a2") << "pair " << i;
        ASSERT_EQ(get(port, "b.example.com", "/hello").body, odd ? "hello from b1" : "hello from b2") << "pair " << i;
    }
    EXPECT_EQ(lost.load(), 0) << "switches undone by a concurrent edit";
}

TEST_F(ProxyTest, PooledConnectionClosedByUpstreamIsRetriedOnAFreshOne) {
    auto backendPort = static_cast<std::uint16_t>(rivetr::test::freePort());
    auto a = std::make_unique<TestBackend>("first", backendPort);
    auto o = test::testOptions();
    o.workers = 1;  // one pool, so the second request surely finds the pooled connection
    startProxy(o);
    proxy->switchApp(app("a", {"a.example.com"}, {backendPort}));
    EXPECT_EQ(get(port, "a.example.com", "/hello").body, "hello from first");
    a.reset();  // closes the pooled keep-alive connection from the upstream side
    a = std::make_unique<TestBackend>("second", backendPort);
    auto r = get(port, "a.example.com", "/hello");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "hello from second");
}

TEST_F(ProxyTest, AnswersAcmeChallengesInProcess) {
    proxy->challenges().set("tok123", "tok123.thumb");
    auto r = get(port, "any.example.com", "/.well-known/acme-challenge/tok123");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "tok123.thumb");
    EXPECT_EQ(get(port, "any.example.com", "/.well-known/acme-challenge/other").status, 404);
}

TEST_F(ProxyTest, RedirectsToHttpsWhenTheRouteAsks) {
    TestBackend a("a");
    auto route = app("a", {"a.example.com"}, {a.port()});
    route.redirectHttps = true;
    proxy->switchApp(route);
    auto r = get(port, "a.example.com", "/path?q=1");
    EXPECT_EQ(r.status, 308);
    EXPECT_EQ(r.headers["location"], "https://a.example.com/path?q=1");
}

TEST_F(ProxyTest, ExternalRouteForwardsToHostPort) {
    TestBackend ext("outside");
    proxy->setExternalRoute(ExternalRoute{"svc.example.net", {"127.0.0.1", ext.port()}, false});
    EXPECT_EQ(get(port, "svc.example.net", "/hello").body, "hello from outside");
    proxy->removeExternalRoute("svc.example.net").wait();
    EXPECT_EQ(get(port, "svc.example.net", "/hello").status, 404);
}

TEST_F(ProxyTest, InvalidRouteChangesNothing) {
    TestBackend a("a");
    proxy->switchApp(app("a", {"a.example.com"}, {a.port()}));
    EXPECT_THROW(proxy->switchApp(app("b", {"a.example.com"}, {a.port()})), std::invalid_argument);
    EXPECT_THROW(proxy->switchApp(app("a", {"bad host!"}, {a.port()})), std::invalid_argument);
    EXPECT_EQ(get(port, "a.example.com", "/hello").body, "hello from a");
}

TEST_F(ProxyTest, CountsRequestsByRouteAndStatusClass) {
    TestBackend a("a");
    proxy->switchApp(app("a", {"a.example.com"}, {a.port()}));
    get(port, "a.example.com", "/hello");
    get(port, "a.example.com", "/status?code=404");
    // Counted once the response is written, so the client can see it a moment before the counter does.
    auto m = proxy->metrics();
    for (int i = 0; i < 100 && m.routes["a"].byClass[4] + m.routes["a"].byClass[2] < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        m = proxy->metrics();
    }
    EXPECT_EQ(m.routes["a"].byClass[2], 1u);
    EXPECT_EQ(m.routes["a"].byClass[4], 1u);
    EXPECT_GE(m.requests, 2u);
}

namespace websocket = boost::beast::websocket;

TEST_F(ProxyTest, WebSocketEchoThroughTheProxyAndClosedOnDrain) {
    TestBackend a("a"), b("b");
    proxy->switchApp(app("ws", {"ws.example.com"}, {a.port()}));
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws(ioc);
    beast::get_lowest_layer(ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    ws.handshake("ws.example.com", "/ws");
    ws.text(true);
    ws.write(asio::buffer(std::string("ping through proxy")));
    beast::flat_buffer buf;
    ws.read(buf);
    EXPECT_EQ(beast::buffers_to_string(buf.data()), "ping through proxy");

    // Switching away drains the old target, which closes its tunnels at once.
    auto drained = proxy->switchApp(app("ws", {"ws.example.com"}, {b.port()}));
    EXPECT_EQ(drained.wait_for(std::chrono::seconds(5)), std::future_status::ready);
    beast::error_code ec;
    buf.consume(buf.size());
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(5));
    ws.read(buf, ec);
    EXPECT_TRUE(ec) << "tunnel still open after drain";
    EXPECT_NE(ec, beast::error::timeout);
}

TEST_F(ProxyTest, DrainWaitsForASlowInFlightRequest) {
    TestBackend a("a"), b("b");
    proxy->switchApp(app("d", {"d.example.com"}, {a.port()}));
    rivetr::test::HttpResponse slow;
    std::thread t([&] { slow = get(port, "d.example.com", "/slow?ms=1500"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto drained = proxy->switchApp(app("d", {"d.example.com"}, {b.port()}));
    EXPECT_EQ(get(port, "d.example.com", "/hello").body, "hello from b");  // new requests: new target
    EXPECT_EQ(drained.wait_for(std::chrono::milliseconds(600)), std::future_status::timeout);
    t.join();
    EXPECT_EQ(slow.status, 200);
    EXPECT_EQ(slow.body, "slow done from a");
    EXPECT_EQ(drained.wait_for(std::chrono::seconds(2)), std::future_status::ready);
}

// Many concurrent clients on one io_context: each GETs /slow?ms=N and records the status.
class LoadClient {
public:
    LoadClient(std::uint16_t port, std::string host) : port_(port), host_(std::move(host)) {}
    void launch(int n, int slowMs) {
        for (int i = 0; i < n; ++i) asio::co_spawn(ioc_, one(slowMs), asio::detached);
    }
    void run() { ioc_.run(); }
    std::map<std::string, int> bodies;
    int failures = 0;

private:
    awaitable<void> one(int slowMs) {
        beast::tcp_stream s(ioc_);
        beast::error_code ec;
        s.expires_after(std::chrono::seconds(20));
        co_await s.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_),
                                 asio::redirect_error(use_awaitable, ec));
        http::request<http::empty_body> req{http::verb::get, "/slow?ms=" + std::to_string(slowMs), 11};
        req.set(http::field::host, host_);
        if (!ec) co_await http::async_write(s, req, asio::redirect_error(use_awaitable, ec));
        beast::flat_buffer buf;
        http::response<http::string_body> res;
        if (!ec) co_await http::async_read(s, buf, res, asio::redirect_error(use_awaitable, ec));
        if (ec || res.result_int() != 200) failures++;
        else bodies[res.body()]++;
    }
    asio::io_context ioc_;
    std::uint16_t port_;
    std::string host_;
};

TEST_F(ProxyTest, SwitchWithHundredsOfRequestsInFlightLosesNone) {
    TestBackend a("a"), b("b");
    proxy->switchApp(app("busy", {"busy.example.com"}, {a.port()}));
    LoadClient client(port, "busy.example.com");
    client.launch(300, 400);
    std::thread runner([&] { client.run(); });
    // Switch once a has a hundred of them in flight (each takes 400 ms there): waiting a fixed time
    // instead let a busy machine switch before any had arrived, and the test then proved nothing.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (a.requests() < 100 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_GE(a.requests(), 100) << "the first clients never reached backend a";  // (no ASSERT: runner must join)
    auto drained = proxy->switchApp(app("busy", {"busy.example.com"}, {b.port()}));
    LoadClient after(port, "busy.example.com");
    after.launch(200, 50);
    after.run();
    runner.join();
    EXPECT_EQ(client.failures, 0);
    EXPECT_EQ(after.failures, 0);
    EXPECT_EQ(after.bodies["slow done from b"], 200);
    EXPECT_EQ(client.bodies["slow done from a"] + client.bodies["slow done from b"], 300);
    EXPECT_GT(client.bodies["slow done from a"], 0);
    EXPECT_EQ(drained.wait_for(std::chrono::seconds(5)), std::future_status::ready);
}

}  // namespace
}  // namespace rivetr::proxy
