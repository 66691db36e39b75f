// The interactive exec against the real dockerd: a shell with a TTY answers, is resized, and ends for good when closed.
#include <poll.h>
#include <sys/socket.h>

#include <chrono>

#include "runtime/docker_runtime.hpp"
#include "runtime/runtime_test_fixture.hpp"
#include "runtime/tty_exec_teardown.hpp"

namespace rivetr::runtime {
namespace {

using namespace std::chrono_literals;

// The testserver image plus busybox's applets (sh, stty, ps, sleep, grep, kill) under /bin.
constexpr const char* kApplets = "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

class TtyExecTest : public testing::RuntimeTest {
protected:
    std::string runShellContainer() {
        auto spec = specFor(buildTestserver("tty", {}, kApplets), "tty");
        return rt->runContainer(spec);
    }
    TtyExecSpec shell(const std::string& marker) { return {{"/bin/sh"}, "", {{"TERM", "xterm"}, {kTerminalMarkerEnv, marker}}}; }
};

// Reads the connection until `needle` shows up (true) or `wait` passes (false); `seen` keeps everything read.
bool readUntil(ExecConnection& c, std::string& seen, const std::string& needle, std::chrono::milliseconds wait) {
    auto deadline = std::chrono::steady_clock::now() + wait;
    char buf[4096];
    while (seen.find(needle) == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd p{c.fd(), POLLIN, 0};
        if (left <= 0ms || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
        auto n = ::recv(c.fd(), buf, sizeof buf, 0);
        if (n <= 0) return false;
        seen.append(buf, static_cast<std::size_t>(n));
    }
    return true;
}

void send(ExecConnection& c, const std::string& text) {
    ASSERT_EQ(::send(c.fd(), text.data(), text.size(), MSG_NOSIGNAL), static_cast<ssize_t>(text.size()));
}

TEST_F(TtyExecTest, AShellAnswersThroughTheRawStreamAtTheSizeItWasGiven) {
    auto container = runShellContainer();
    auto exec = rt->createTtyExec(container, shell("a1"));
    auto conn = rt->attachTtyExec(exec);
    rt->resizeExec(exec, 101, 33);
    std::string seen = conn.takeEarlyOutput();
    // The quotes keep the echoed command line itself from matching.
    send(conn, "stty size; echo he''llo\n");
    EXPECT_TRUE(readUntil(conn, seen, "33 101", 10s)) << seen;
    EXPECT_TRUE(readUntil(conn, seen, "hello", 10s)) << seen;
    auto state = rt->inspectExec(exec);
    EXPECT_TRUE(state.running);
    EXPECT_GT(state.pid, 0);
    EXPECT_FALSE(state.exitCode);

    send(conn, "exit 7\n");
    std::string rest;
    readUntil(conn, rest, "never", 5s);  // until the engine closes the stream
    for (int i = 0; i < 50 && rt->inspectExec(exec).running; ++i) std::this_thread::sleep_for(100ms);
    EXPECT_EQ(rt->inspectExec(exec).exitCode, 7);
}

TEST_F(TtyExecTest, ClosingTheTerminalEndsTheShellAndWhatItStarted) {
    auto container = runShellContainer();
    auto exec = rt->createTtyExec(container, shell("b2"));
    {
        auto conn = rt->attachTtyExec(exec);
        std::string seen;
        send(conn, "sleep 301 & sleep 302\n");
        ASSERT_TRUE(readUntil(conn, seen, "sleep 302", 10s)) << seen;
        std::this_thread::sleep_for(300ms);
        conn.closeInput();
    }  // the connection closes: what a dropped browser tab leaves
    auto before = rt->exec(container, {"/bin/ps"}).stdoutText;
    ASSERT_NE(before.find("sleep 302"), std::string::npos) << "EOF alone ends nothing on this engine:\n" << before;

    auto started = std::chrono::steady_clock::now();
    auto ending = endTtyExec(*rt, {container, exec, "/bin/sh", "b2", 200ms, 5000ms});
    EXPECT_TRUE(ending == TtyExecEnding::Hangup || ending == TtyExecEnding::Eof) << toString(ending);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 8s);
    EXPECT_FALSE(rt->inspectExec(exec).running);
    auto after = rt->exec(container, {"/bin/ps"}).stdoutText;
    EXPECT_EQ(after.find("sleep 30"), std::string::npos) << after;
    EXPECT_NE(after.find("testserver"), std::string::npos) << "the container's own process is untouched:\n" << after;
}

TEST_F(TtyExecTest, AProcessThatIgnoresHangupIsKilled) {
    auto container = runShellContainer();
    auto exec = rt->createTtyExec(container, shell("c3"));
    {
        auto conn = rt->attachTtyExec(exec);
        std::string seen;
        send(conn, "trap '' HUP; echo rea''dy; sleep 303\n");
        ASSERT_TRUE(readUntil(conn, seen, "ready", 10s)) << seen;
    }
    auto ending = endTtyExec(*rt, {container, exec, "/bin/sh", "c3", 100ms, 1500ms});
    EXPECT_EQ(ending, TtyExecEnding::Killed) << toString(ending);
    EXPECT_EQ(rt->exec(container, {"/bin/ps"}).stdoutText.find("sleep 303"), std::string::npos);
}

TEST_F(TtyExecTest, UnknownExecsAndStoppedContainersAreTypedErrors) {
    auto container = runShellContainer();
    std::string unknown(64, 'a');
    auto kindOf = [](auto f) {
        try {
            f();
        } catch (const RuntimeError& e) {
            return e.kind();
        }
        return ErrorKind::EngineError;
    };
    auto asked = std::chrono::steady_clock::now();
    EXPECT_EQ(kindOf([&] { rt->attachTtyExec(unknown); }), ErrorKind::NotFound);
    EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s) << "an error answer is read at once, not at the timeout";
    EXPECT_EQ(kindOf([&] { rt->inspectExec(unknown); }), ErrorKind::NotFound);
    EXPECT_EQ(kindOf([&] { rt->attachTtyExec("../x"); }), ErrorKind::InvalidArgument);
    rt->stopContainer(container, 1s);
    EXPECT_EQ(kindOf([&] { rt->createTtyExec(container, shell("d4")); }), ErrorKind::Conflict);
}

}  // namespace
}  // namespace rivetr::runtime
