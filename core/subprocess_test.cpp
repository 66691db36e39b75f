// Subprocesses run from argv: arguments are never re-parsed by a shell, exit codes and output come back.
#include "core/subprocess.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

TEST(Subprocess, ArgumentsAreNotInterpretedByAShell) {
    auto r = run({"/bin/echo", "$(touch /tmp/rivetr-pwned)", "a;b"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_EQ(r.output, "$(touch /tmp/rivetr-pwned) a;b\n");
    EXPECT_FALSE(std::filesystem::exists("/tmp/rivetr-pwned"));
}

TEST(Subprocess, ExitCodeEnvAndWorkingDir) {
    test::TempDir dir;
    SpawnOptions o;
    o.workingDir = dir.path();
    o.env["RIVETR_T"] = "value";
    auto r = run({"/bin/sh", "-c", "pwd; echo $RIVETR_T; exit 3"}, o);
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.output.find(dir.path().string()), std::string::npos);
    EXPECT_NE(r.output.find("value"), std::string::npos);
}

TEST(Subprocess, MissingProgramThrows) {
    EXPECT_THROW(run({"/nonexistent/program"}), std::runtime_error);
}

TEST(Subprocess, WaitTimesOutAndSignalKills) {
    auto p = Process::spawn({"/bin/sleep", "30"});
    EXPECT_FALSE(p.wait(std::chrono::milliseconds(50)));
    p.signal(SIGTERM);
    EXPECT_EQ(p.wait(std::chrono::milliseconds(5000)), 128 + SIGTERM);
}

TEST(Subprocess, AChildTalksOverAGivenSocketAndItsStderrStaysApart) {
    int fds[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    SpawnOptions o;
    o.stdioFd = fds[1];
    auto p = Process::spawn({"/bin/sh", "-c", "cat; echo to-stderr >&2"}, o);
    ::close(fds[1]);
    ASSERT_EQ(::write(fds[0], "ping", 4), 4);
    ::shutdown(fds[0], SHUT_WR);
    std::string echoed(16, '\0');
    auto n = ::read(fds[0], echoed.data(), echoed.size());
    ::close(fds[0]);
    EXPECT_EQ(echoed.substr(0, n > 0 ? static_cast<std::size_t>(n) : 0), "ping");
    std::string stderrText;
    p.readAll([&](std::string_view chunk) { stderrText += chunk; });
    EXPECT_EQ(stderrText, "to-stderr\n");
    EXPECT_EQ(p.wait(), 0);
}

TEST(Subprocess, FindsExecutablesOnPath) {
    EXPECT_TRUE(findExecutable("sh"));
    EXPECT_FALSE(findExecutable("rivetr-no-such-tool"));
}

}  // namespace
}  // namespace rivetr
