// Source over SSH against a real OpenSSH server: ed25519/ECDSA deploy keys, host key trusted on first
// use and checked after, wrong key and changed host key refused with nothing left on disk.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "core/git/git_test_repo.hpp"
#include "core/git/source.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::git {
namespace {

using rivetr::test::readFile;
using rivetr::test::TempDir;
using rivetr::test::writeFile;

std::string keygen(const std::filesystem::path& path, const std::string& type) {
    auto r = run({"ssh-keygen", "-q", "-t", type, "-N", "", "-C", "", "-f", path.string()});
    if (r.exitCode != 0) throw std::runtime_error("ssh-keygen: " + r.output);
    return readFile(path);
}

// An sshd of our own on a free loopback port, accepting only the keys in authorized_keys.
class SshServer {
public:
    explicit SshServer(const std::filesystem::path& dir) : dir_(dir), port_(rivetr::test::freePort()) {
        std::filesystem::create_directories(dir);
        keygen(dir / "host_ed25519", "ed25519");
        writeFile(dir / "authorized_keys", "");
        writeFile(dir / "sshd_config",
                  "Port " + std::to_string(port_) + "\nListenAddress 127.0.0.1\nHostKey " +
                      (dir / "host_ed25519").string() + "\nAuthorizedKeysFile " + (dir / "authorized_keys").string() +
                      "\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
                      "PermitRootLogin prohibit-password\nPidFile none\n");
        std::filesystem::create_directories("/run/sshd");  // privilege separation directory sshd insists on
        process_.emplace(Process::spawn({"/usr/sbin/sshd", "-D", "-e", "-f", (dir / "sshd_config").string()}));
        for (int i = 0; i < 100 && !listening(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    void authorize(const std::filesystem::path& publicKey) {
        writeFile(dir_ / "authorized_keys", readFile(dir_ / "authorized_keys") + readFile(publicKey));
    }
    // What `ssh-keygen -lf` prints for the host key: "256 SHA256:xxx comment (ED25519)".
    std::string fingerprint() const {
        auto out = run({"ssh-keygen", "-lf", (dir_ / "host_ed25519.pub").string()}).output;
        auto start = out.find("SHA256:");
        return out.substr(start, out.find(' ', start) - start);
    }
    std::string url(const std::filesystem::path& repo) const {
        return "ssh://" + std::string(getpwuid(getuid())->pw_name) + "@127.0.0.1:" + std::to_string(port_) +
               repo.string();
    }

private:
    bool listening() const { return run({"ssh-keyscan", "-p", std::to_string(port_), "127.0.0.1"}).exitCode == 0; }
    std::filesystem::path dir_;
    int port_;
    std::optional<Process> process_;
};

class SourceSshTest : public ::testing::Test {
protected:
    TempDir tmp{"rivetr-git-ssh"};
    std::filesystem::path data = tmp / "data";
    std::unique_ptr<Source> source = test::sourceAt(data);
    test::TestRepo upstream{tmp / "upstream"};
    SshServer server{tmp / "sshd"};

    FetchRequest request(const std::string& key, const std::string& pin = {}) {
        FetchRequest r;
        r.appId = "app_55aa55aa55aa55aa";
        r.url = server.url(upstream.dir());
        r.ref = "main";
        r.auth.kind = GitAuth::Kind::SshKey;
        r.auth.privateKey = key;
        r.auth.pinnedHostKey = pin;
        r.stallTimeout = std::chrono::seconds(20);
        return r;
    }
    std::filesystem::path cache() const { return data / "git" / "app_55aa55aa55aa55aa.git"; }
};

TEST_F(SourceSshTest, DeployKeyClonesAndHostKeyIsPinnedOnFirstUse) {
    upstream.write("app.txt", "over ssh\n");
    upstream.commit("c");
    auto key = keygen(tmp / "deploy", "ed25519");
    server.authorize(tmp / "deploy.pub");

    auto first = source->checkout(request(key));
    EXPECT_EQ(readFile(first.dir.path() / "app.txt"), "over ssh\n");
    EXPECT_EQ(first.hostKey, server.fingerprint()) << "returned for the caller to store";

    auto pinned = source->checkout(request(key, first.hostKey));
    EXPECT_EQ(pinned.sha, first.sha);

    auto ecdsa = keygen(tmp / "deploy_ecdsa", "ecdsa");
    server.authorize(tmp / "deploy_ecdsa.pub");
    source->forget("app_55aa55aa55aa55aa");
    EXPECT_EQ(readFile(source->checkout(request(ecdsa)).dir.path() / "app.txt"), "over ssh\n");
}

TEST_F(SourceSshTest, ChangedHostKeyIsRefused) {
    upstream.write("a", "1");
    upstream.commit("c");
    auto key = keygen(tmp / "deploy", "ed25519");
    server.authorize(tmp / "deploy.pub");
    try {
        source->checkout(request(key, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        FAIL() << "a different host key must be refused";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.kind(), SourceErrorKind::HostKeyMismatch) << e.what();
        EXPECT_NE(std::string(e.what()).find(server.fingerprint()), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(cache()));
}

TEST_F(SourceSshTest, UnauthorizedKeyIsAnAuthError) {
    upstream.write("a", "1");
    upstream.commit("c");
    auto stranger = keygen(tmp / "stranger", "ed25519");
    try {
        source->checkout(request(stranger));
        FAIL() << "an unknown key must be refused";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.kind(), SourceErrorKind::AuthFailed) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(cache()));
}

// libssh2 reads the socket itself, so only the watchdog's shutdown can end this wait.
TEST_F(SourceSshTest, ServerThatNeverSpeaksIsCutOffByTheStallTimeout) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 4), 0);  // the kernel completes the handshake; nobody ever answers
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    auto r = request(keygen(tmp / "deploy", "ed25519"));
    r.url = "ssh://git@127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/repo.git";
    r.stallTimeout = std::chrono::milliseconds(800);
    auto started = std::chrono::steady_clock::now();
    try {
        source->checkout(r);
        ADD_FAILURE() << "a silent server must time out";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.kind(), SourceErrorKind::TimedOut) << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
    ::close(fd);
    EXPECT_FALSE(std::filesystem::exists(cache()));
}

}  // namespace
}  // namespace rivetr::git
