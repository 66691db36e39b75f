// Terminal sessions against the real dockerd, through a real WebSocket: output, resize, teardown, timeouts, audit.
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>

#include <iostream>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "runtime/runtime_test_fixture.hpp"
#include "terminal/terminal_request.hpp"
#include "terminal/terminal_service.hpp"
#include "terminal/testing/terminal_handover.hpp"
#include "terminal/testing/ws_terminal_client.hpp"

namespace rivetr::terminal {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using testing::Handover;
using testing::WsTerminalClient;

class TerminalSessionTest : public runtime::testing::RuntimeTest {
protected:
    void SetUp() override {
        RuntimeTest::SetUp();
        if (IsSkipped()) return;
        engine = runtime::connectRuntime(options());
        auto spec = specFor(buildTestserver("term", {}, "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"), "term");
        container = rt->runContainer(spec);
    }
    void TearDown() override {
        handover.reset();
        service.reset();
        RuntimeTest::TearDown();
    }
    void startService(TerminalOptions o) {
        service = std::make_unique<TerminalService>(o, [this](const std::string& phase, const TerminalRecord& r) {
            std::lock_guard lock(mutex);
            records.emplace_back(phase, r);
        });
        handover = std::make_unique<Handover>(*service, engine, container);
    }
    std::vector<std::pair<std::string, TerminalRecord>> audited() {
        std::lock_guard lock(mutex);
        return records;
    }
    bool anyExecRunning() {
        auto ps = rt->exec(container, {"/bin/ps"}).stdoutText;
        return ps.find("/bin/ash") != std::string::npos || ps.find("/bin/sh") != std::string::npos ||
               ps.find("sleep 40") != std::string::npos;  // every test's background sleep is "sleep 40…"
    }
    int open(WsTerminalClient& c) { return c.open(handover->port(), "/api/containers/x/terminal", {}); }

    std::shared_ptr<runtime::ContainerRuntime> engine;
    std::string container;
    std::unique_ptr<TerminalService> service;
    std::unique_ptr<Handover> handover;
    std::mutex mutex;
    std::vector<std::pair<std::string, TerminalRecord>> records;
};

TEST_F(TerminalSessionTest, ACommandsOutputComesBackAtTheBrowsersSize) {
    startService({});
    WsTerminalClient c;
    ASSERT_EQ(open(c), 101);
    c.resize(101, 33);
    c.type("stty size; echo he''llo\r");
    EXPECT_TRUE(c.readUntil("33 101", 10s)) << c.output();
    EXPECT_TRUE(c.readUntil("hello", 10s)) << c.output();
    c.resize(90, 20);
    c.type("stty size\r");
    EXPECT_TRUE(c.readUntil("20 90", 10s)) << c.output();
    c.type("exit\r");
    EXPECT_TRUE(c.readUntilClosed(10s));
    EXPECT_EQ(c.closeReason(), "shell exited");
    for (int i = 0; i < 100 && audited().size() < 2; ++i) std::this_thread::sleep_for(100ms);
    auto recs = audited();
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].first, "open");
    EXPECT_EQ(recs[1].first, "close");
    EXPECT_EQ(recs[1].second.shell, "/bin/ash") << "auto picks ash where there is no bash";
    EXPECT_GT(recs[1].second.bytesIn, 20u);
    EXPECT_GT(recs[1].second.bytesOut, recs[1].second.bytesIn);
    EXPECT_EQ(recs[1].second.reason, "shell exited");
    EXPECT_GE(recs[1].second.endedMs, recs[1].second.startedMs);
}

TEST_F(TerminalSessionTest, TenSessionsOpenedAndDroppedLeaveNoProcessBehind) {
    TerminalOptions o;
    o.maxSessionsPerUser = 10;
    startService(o);
    std::vector<std::unique_ptr<WsTerminalClient>> clients;
    for (int i = 0; i < 10; ++i) {
        auto c = std::make_unique<WsTerminalClient>();
        ASSERT_EQ(open(*c), 101) << i;
        c->resize(80, 24);
        c->type("sleep 40" + std::to_string(i) + " & echo sta''rted\r");
        ASSERT_TRUE(c->readUntil("started", 10s)) << c->output();
        clients.push_back(std::move(c));
    }
    ASSERT_TRUE(anyExecRunning());
    auto dropped = std::chrono::steady_clock::now();
    for (int i = 0; i < 10; ++i) (i % 2 ? clients[i]->dropConnection() : clients[i]->close());
    while (anyExecRunning() && std::chrono::steady_clock::now() - dropped < 30s) std::this_thread::sleep_for(250ms);
    EXPECT_FALSE(anyExecRunning()) << rt->exec(container, {"/bin/ps"}).stdoutText;
    auto took = std::chrono::steady_clock::now() - dropped;
    EXPECT_LT(took, 30s);
    std::cout << "every shell ended " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
              << " ms after the drop\n";
    for (int i = 0; i < 100 && audited().size() < 20; ++i) std::this_thread::sleep_for(100ms);
    auto recs = audited();
    int closes = 0;
    for (const auto& [phase, r] : recs) {
        if (phase != "close") continue;
        ++closes;
        EXPECT_FALSE(engine->inspectExec(r.execId).running) << r.execId;
        EXPECT_NE(r.ending, "still_running");
    }
    EXPECT_EQ(closes, 10);
}

TEST_F(TerminalSessionTest, AnIdleTerminalIsClosedAndItsShellEnded) {
    TerminalOptions o;
    o.idleTimeout = 1500ms;
    startService(o);
    WsTerminalClient c;
    ASSERT_EQ(open(c), 101);
    c.resize(80, 24);
    c.type("echo o''k\r");
    ASSERT_TRUE(c.readUntil("ok", 10s));
    EXPECT_TRUE(c.readUntilClosed(10s));
    EXPECT_EQ(c.closeReason(), "idle timeout");
    for (int i = 0; i < 100 && audited().size() < 2; ++i) std::this_thread::sleep_for(100ms);
    ASSERT_EQ(audited().size(), 2u);
    EXPECT_FALSE(engine->inspectExec(audited()[1].second.execId).running);
}

TEST_F(TerminalSessionTest, ABrowserThatAnswersNoPingIsGone) {
    TerminalOptions o;
    o.pingTimeout = 2s;
    startService(o);
    WsTerminalClient c;
    ASSERT_EQ(open(c), 101);
    c.resize(80, 24);
    std::this_thread::sleep_for(4500ms);  // not reading: no pong goes back
    for (int i = 0; i < 100 && audited().size() < 2; ++i) std::this_thread::sleep_for(100ms);
    auto recs = audited();
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_NE(recs[1].second.reason.find("client gone"), std::string::npos) << recs[1].second.reason;
}

TEST_F(TerminalSessionTest, SessionsPerUserAreLimitedAndStopEndsThemAll) {
    TerminalOptions o;
    o.maxSessionsPerUser = 2;
    startService(o);
    WsTerminalClient a, b, c;
    ASSERT_EQ(open(a), 101);
    ASSERT_EQ(open(b), 101);
    EXPECT_NE(open(c), 101) << "a third session of the same user";
    a.resize(80, 24);
    b.resize(80, 24);
    ASSERT_TRUE(a.readUntil("#", 10s));
    ASSERT_TRUE(b.readUntil("#", 10s));
    service->stop();
    EXPECT_TRUE(a.readUntilClosed(5s));
    EXPECT_EQ(a.closeReason(), "server stopping");
    EXPECT_FALSE(anyExecRunning()) << "stop() waits for every teardown";
}

// A killed tab sends no close frame: its shell must end at once, not when the next ping finds it gone.
TEST_F(TerminalSessionTest, AKilledTabsShellEndsWithinSeconds) {
    startService({});  // the default 30 s ping timeout
    WsTerminalClient c;
    ASSERT_EQ(open(c), 101);
    c.resize(80, 24);
    c.type("sleep 409 & echo sta''rted\r");
    ASSERT_TRUE(c.readUntil("started", 10s));
    auto dropped = nowMs();
    c.dropConnection();
    for (int i = 0; i < 300 && audited().size() < 2; ++i) std::this_thread::sleep_for(100ms);
    auto recs = audited();
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_LT(recs[1].second.endedMs - dropped, 5000) << "ended " << recs[1].second.endedMs - dropped << " ms after the drop";
    EXPECT_EQ(recs[1].second.reason.rfind("client gone", 0), 0u) << recs[1].second.reason;
    EXPECT_FALSE(anyExecRunning());
}

}  // namespace
}  // namespace rivetr::terminal
