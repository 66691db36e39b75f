// The dashboard's terminal on remote hosts: one session over tcp+TLS and one over ssh (`docker system dial-stdio`),
// against a second dockerd in its own network namespace and Debian's sshd on loopback, the hosts tests' fixture.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "core/ids.hpp"
#include "core/subprocess.hpp"
#include "hosts/registry_host_directory.hpp"
#include "hosts/testing/processes.hpp"
#include "hosts/testing/second_engine.hpp"
#include "hosts/testing/test_sshd.hpp"
#include "terminal/testing/terminal_handover.hpp"
#include "terminal/testing/ws_terminal_client.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::terminal {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class RemoteTerminal : public ::testing::Test {
protected:
    static inline test::TempDir* engineDir = nullptr;
    static inline hosts::testing::SecondEngine* engine = nullptr;
    static inline std::string startError;
    static inline const std::string container = newId("term");

    // One engine for the suite with one running container that has busybox's shells and tools.
    static void SetUpTestSuite() {
        if (::geteuid() != 0) {
            startError = "these tests need root (network namespaces, a second dockerd, sshd), as CI runs them";
            return;
        }
        try {
            engineDir = new test::TempDir("rivetr-remote-term");
            engine = new hosts::testing::SecondEngine(engineDir->path() / "engine");
            const auto root = engineDir->path() / "rootfs";
            std::filesystem::create_directories(root / "bin");
            std::filesystem::copy_file("/bin/busybox", root / "bin" / "busybox");
            std::istringstream applets(run({"/bin/busybox", "--list"}).output);
            for (std::string applet; std::getline(applets, applet);)
                if (!applet.empty() && applet != "busybox") std::filesystem::create_symlink("busybox", root / "bin" / applet);
            auto tar = run({"tar", "-C", root.string(), "-cf", (engineDir->path() / "rootfs.tar").string(), "."});
            if (tar.exitCode != 0) throw std::runtime_error("tar failed: " + tar.output);
            engine->docker({"import", (engineDir->path() / "rootfs.tar").string(), "rivetr-remote-term:1"});
            // The engine runs with --bridge=none: no default network to join.
            engine->docker({"run", "-d", "--network", "none", "--name", container, "rivetr-remote-term:1", "/bin/sleep", "100000"});
        } catch (const std::exception& e) {
            startError = e.what();
        }
    }
    static void TearDownTestSuite() {
        delete engine;  // its containers go with its data root
        delete engineDir;
        engine = nullptr;
        engineDir = nullptr;
    }

    void SetUp() override { ASSERT_TRUE(startError.empty()) << startError; }

    // A terminal's shell (ash, busybox's) runs in the remote container.
    static bool shellRunning() {
        auto ps = engine->docker({"exec", container, "/bin/ps"});
        return ps.find("/bin/ash") != std::string::npos || ps.find("/bin/sh") != std::string::npos;
    }

    static std::size_t threads() {
        std::size_t n = 0;
        for ([[maybe_unused]] const auto& t : std::filesystem::directory_iterator("/proc/self/task")) ++n;
        return n;
    }

    // A command's output read back through the WebSocket, then the tab goes without a close frame: the
    // shell ends and the session's threads with it.
    void runsACommandThenLeavesNothing(const std::string& hostId) {
        auto rt = directory.runtimeFor(hostId);
        ASSERT_TRUE(rt);
        const auto before = threads();
        {
            TerminalService service({}, nullptr);
            testing::Handover handover(service, rt, container);
            testing::WsTerminalClient c;
            ASSERT_EQ(c.open(handover.port(), "/api/containers/x/terminal", {}), 101);
            c.resize(100, 30);
            c.type("stty size; echo re''mote-ok\r");
            EXPECT_TRUE(c.readUntil("30 100", 15s)) << c.output();
            EXPECT_TRUE(c.readUntil("remote-ok", 15s)) << c.output();
            EXPECT_TRUE(shellRunning());
            c.dropConnection();
            for (auto end = Clock::now() + 30s; service.openSessions() > 0 && Clock::now() < end;)
                std::this_thread::sleep_for(100ms);
            EXPECT_EQ(service.openSessions(), 0u);
        }
        auto end = Clock::now() + 30s;
        while ((shellRunning() || threads() > before) && Clock::now() < end) std::this_thread::sleep_for(250ms);
        EXPECT_FALSE(shellRunning()) << engine->docker({"exec", container, "/bin/ps"});
        // At most as many as before: the ssh tunnel may have reaped a connection thread of its own meanwhile.
        EXPECT_LE(threads(), before) << "a relay or session thread outlived the session";
    }

    test::TempDir dir;
    std::unique_ptr<store::Store> db = store::Store::open(dir.path());
    store::HostRepository repo{*db, store::SecretBox(*crypto::keyFromHex(std::string(64, 'e')))};
    hosts::RegistryHostDirectory directory{repo, [] { return std::shared_ptr<runtime::ContainerRuntime>(); },
                                           hosts::RemoteHostOptions{dir.path()}};
};

TEST_F(RemoteTerminal, ACommandRunsOverTcpWithTlsAndTheTabClosingEndsIt) {
    const auto& c = engine->certificates();
    auto host = directory.add({"tls1", "tcp", engine->tlsAddress(), {c.ca(), c.clientCert(), c.clientKeyPem(), std::nullopt}, ""});
    runsACommandThenLeavesNothing(host.id);
}

TEST_F(RemoteTerminal, ACommandRunsOverSshAndTheTabClosingLeavesNoSshSession) {
    hosts::testing::TestSshd sshd(dir.path() / "sshd", engine->socket());
    auto host = directory.add({"ssh1", "ssh", sshd.address(), {std::nullopt, std::nullopt, std::nullopt, sshd.clientKey()}, ""});
    ASSERT_TRUE(directory.runtimeFor(host.id));
    const auto run = (dir.path() / "run").string();
    // The shared connection (ControlMaster), and maybe the session of the connect's last call.
    const auto shared = hosts::testing::processesMentioning(run);
    runsACommandThenLeavesNothing(host.id);
    auto end = Clock::now() + 10s;
    while (hosts::testing::processesMentioning(run).size() > shared.size() && Clock::now() < end)
        std::this_thread::sleep_for(100ms);
    EXPECT_LE(hosts::testing::processesMentioning(run).size(), shared.size())
        << "an ssh session of the terminal outlived it";
}

}  // namespace
}  // namespace rivetr::terminal
