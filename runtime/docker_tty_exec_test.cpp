// The interactive exec against the real dockerd: a shell with a TTY answers, is resized, and ends for good when closed.
#include <poll.h>
#include <sys/socket.h>

#include <chrono>

#include "runtime/docker_runtime.hpp"
#include "runtime/runtime_test_fixture.hpp"
#include "runtime/testing/fails_with.hpp"
#include "runtime/tty_exec_teardown.hpp"

namespace rivetr::runtime {
namespace {

using namespace std::chrono_literals;
using testing::failsWith;

// The testserver image plus busybox's applets (sh, stty, ps, sleep, grep, kill) under /bin.
constexpr const char* kApplets = "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

class TtyExecTest : public testing::RuntimeTest {
protected:
    std::string runShellContainer() {
        auto spec = specFor(buildTestserver("tty", {}, kApplets), "tty");
        return rt->runContainer(spec);
    }
    TtyExecSpec shell(const std::string& marker) { return {{"/bin/sh"}, "", {{"TERM", "xterm"}, {kTerminalMarkerEnv, marker}}}; }
    // A new container with a shell in it (marked `marker`, as the terminal marks its shells), attached.
    ExecConnection openShell(const std::string& marker) {
        container = runShellContainer();
        exec = rt->createTtyExec(container, shell(marker));
        return rt->attachTtyExec(exec);
    }

    std::string container, exec;  // the shell's, once openShell ran
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

// Types `command` into the shell and waits up to 10 s for `shown`; a failure carries what the shell said.
::testing::AssertionResult ran(ExecConnection& c, const std::string& command, const std::string& shown) {
    send(c, command);
    std::string seen;
    if (readUntil(c, seen, shown, 10s)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no \"" << shown << "\" in:\n" << seen;
}

TEST_F(TtyExecTest, AShellAnswersThroughTheRawStreamAtTheSizeItWasGiven) {
    auto conn = openShell("a1");
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
    {
        auto conn = openShell("b2");
        ASSERT_TRUE(ran(conn, "sleep 301 & sleep 302\n", "sleep 302"));
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
    {
        auto conn = openShell("c3");
        ASSERT_TRUE(ran(conn, "trap '' HUP; echo rea''dy; sleep 303\n", "ready"));
    }
    auto ending = endTtyExec(*rt, {container, exec, "/bin/sh", "c3", 100ms, 1500ms});
    EXPECT_EQ(ending, TtyExecEnding::Killed) << toString(ending);
    EXPECT_EQ(rt->exec(container, {"/bin/ps"}).stdoutText.find("sleep 303"), std::string::npos);
}

TEST_F(TtyExecTest, UnknownExecsAndStoppedContainersAreTypedErrors) {
    container = runShellContainer();
    std::string unknown(64, 'a');
    auto asked = std::chrono::steady_clock::now();
    EXPECT_TRUE(failsWith([&] { rt->attachTtyExec(unknown); }, ErrorKind::NotFound));
    EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s) << "an error answer is read at once, not at the timeout";
    EXPECT_TRUE(failsWith([&] { rt->inspectExec(unknown); }, ErrorKind::NotFound));
    EXPECT_TRUE(failsWith([&] { rt->attachTtyExec("../x"); }, ErrorKind::InvalidArgument));
    rt->stopContainer(container, 1s);
    EXPECT_TRUE(failsWith([&] { rt->createTtyExec(container, shell("d4")); }, ErrorKind::Conflict));
}

}  // namespace
}  // namespace rivetr::runtime
