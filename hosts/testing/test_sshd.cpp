// Tests only: /usr/sbin/sshd from argv on 127.0.0.1 with everything in one directory (host key, config, authorized_keys, log).
#include "hosts/testing/test_sshd.hpp"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

#include "core/file_write.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::hosts::testing {
namespace {

void keygen(const std::filesystem::path& key) {
    std::filesystem::remove(key);
    std::filesystem::remove(key.string() + ".pub");
    if (run({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.string()}).exitCode != 0)
        throw std::runtime_error("ssh-keygen failed");
}

bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

TestSshd::TestSshd(const std::filesystem::path& dir, const std::filesystem::path& dockerSocket)
    : dir_(dir), port_(test::freePort()) {
    std::filesystem::create_directories(dir_);
    std::filesystem::create_directories("/run/sshd");  // sshd's privilege-separation directory
    const passwd* me = ::getpwuid(::getuid());
    user_ = me ? me->pw_name : "root";
    keygen(dir_ / "host_key");
    keygen(dir_ / "client_key");
    std::filesystem::copy_file(dir_ / "client_key.pub", dir_ / "authorized_keys");
    writeFileChecked(dir_ / "sshd_config",
                     "Port " + std::to_string(port_) + "\nListenAddress 127.0.0.1\nHostKey " + (dir_ / "host_key").string() +
                         "\nPidFile " + (dir_ / "sshd.pid").string() + "\nAuthorizedKeysFile " +
                         (dir_ / "authorized_keys").string() +
                         "\nStrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                         "PermitRootLogin prohibit-password\nSetEnv DOCKER_HOST=unix://" + dockerSocket.string() + "\n");
    start();
}

TestSshd::~TestSshd() = default;

void TestSshd::start() {
    SpawnOptions opts;
    opts.stdoutFile = dir_ / "sshd.log";
    sshd_ = std::make_unique<GracefulChild>(
        Process::spawn({"/usr/sbin/sshd", "-D", "-e", "-f", (dir_ / "sshd_config").string()}, opts), std::chrono::seconds(5));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts(port_)) {
        if (!sshd_->process().running() || std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("sshd did not start: " + test::readFile(dir_ / "sshd.log"));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string TestSshd::clientKey() const { return test::readFile(dir_ / "client_key"); }
std::string TestSshd::hostPublicKey() const { return test::readFile(dir_ / "host_key.pub"); }

void TestSshd::replaceHostKey() {
    sshd_.reset();
    keygen(dir_ / "host_key");
    start();
}

}  // namespace rivetr::hosts::testing
