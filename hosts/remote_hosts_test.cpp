// Remote hosts against real parts: a second dockerd in its own network namespace over TCP+TLS, and over SSH through Debian's sshd.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <future>
#include <set>

#include "core/file_write.hpp"
#include "core/ids.hpp"
#include "hosts/host_fanout.hpp"
#include "hosts/registry_host_directory.hpp"
#include "hosts/ssh_host_key.hpp"
#include "hosts/testing/processes.hpp"
#include "hosts/testing/second_engine.hpp"
#include "hosts/testing/test_sshd.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::hosts {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// One second engine for the whole suite (it takes about half a second to start); each test gets its
// own store, directory and sshd.
class RemoteHosts : public ::testing::Test {
protected:
    static inline test::TempDir* engineDir = nullptr;
    static inline testing::SecondEngine* engine = nullptr;
    static inline std::string startError;
    static inline const std::string label = newId("hosttest");

    static void SetUpTestSuite() {
        if (::geteuid() != 0) {
            startError = "these tests need root (network namespaces, a second dockerd, sshd), as CI runs them";
            return;
        }
        try {
            engineDir = new test::TempDir("rivetr-hosts");
            engine = new testing::SecondEngine(engineDir->path() / "engine");
            // No registry: an image imported from a one-file tar, and a container created from it.
            const auto img = engineDir->path() / "img";
            std::filesystem::create_directories(img);
            writeFileChecked(img / "hello", "hello\n");
            run({"tar", "-C", img.string(), "-cf", (engineDir->path() / "img.tar").string(), "hello"});
            engine->docker({"import", (engineDir->path() / "img.tar").string(), "rivetr-hosttest:1"});
            engine->docker({"create", "--name", "remote-" + label, "--label", "rivetr.hosttest=" + label,
                            "rivetr-hosttest:1", "/hello"});
        } catch (const std::exception& e) {
            startError = e.what();
        }
    }

    static void TearDownTestSuite() {
        delete engine;  // stops dockerd and its containerd, deletes the namespace
        delete engineDir;
        engine = nullptr;
        engineDir = nullptr;
    }

    void SetUp() override {
        RIVETR_REQUIRE_DOCKER();
        ASSERT_TRUE(startError.empty()) << startError;
        local = runtime::connectRuntime(localOptions());
    }

    static runtime::RuntimeOptions localOptions() {
        runtime::RuntimeOptions o;
        o.runtimeType = "docker";
        o.dockerSocket = test::dockerSocket();
        return o;
    }

    RemoteHostOptions hostOptions() {
        RemoteHostOptions o;
        o.dataDir = dir.path();
        o.connectTimeout = milliseconds(1500);
        return o;
    }

    std::vector<std::string> remoteContainerNames(const std::string& hostId) {
        std::vector<std::string> names;
        for (const auto& c : directory.runtimeFor(hostId)->listContainers({{"rivetr.hosttest", label}}, true))
            names.push_back(c.name);
        return names;
    }

    store::HostRecord addTls(const std::string& name, const std::string& address) {
        const auto& c = engine->certificates();
        return directory.add({name, "tcp", address, {c.ca(), c.clientCert(), c.clientKeyPem(), std::nullopt}, "usr_admin"});
    }

    test::TempDir dir;
    std::unique_ptr<store::Store> db = store::Store::open(dir.path());
    store::HostRepository repo{*db, store::SecretBox(*crypto::keyFromHex(std::string(64, 'd')))};
    std::shared_ptr<runtime::ContainerRuntime> local;
    RegistryHostDirectory directory{repo, [this] { return local; }, hostOptions()};
};

std::string mode(const std::filesystem::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%o", st.st_mode & 0777);
    return buf;
}

TEST_F(RemoteHosts, ListsTheContainersOfAnEngineReachedOverTcpWithTls) {
    auto host = addTls("tls1", engine->tlsAddress());
    auto tested = directory.test(host.id);
    EXPECT_TRUE(tested.ok) << tested.error;
    EXPECT_FALSE(tested.engineVersion.empty());
    EXPECT_EQ(remoteContainerNames(host.id), std::vector<std::string>{"remote-" + label});
    EXPECT_EQ(remoteContainerNames("tls1"), std::vector<std::string>{"remote-" + label}) << "by name too";
    EXPECT_TRUE(remoteContainerNames("local").empty()) << "the remote container is not on the local engine";
    auto state = directory.hosts()[1];
    EXPECT_TRUE(state.ok);
    EXPECT_EQ(state.engineVersion, tested.engineVersion);
    EXPECT_FALSE(std::filesystem::exists(RemoteHost::filesDir(dir.path(), host.id)))
        << "TLS credentials stay in memory; nothing is written out in clear";
}

TEST_F(RemoteHosts, AClientCertificateTheEngineDoesNotTrustIsRefusedWithTheReason) {
    auto other = testing::makeTestCertificates(dir.path() / "other-ca", {"127.0.0.1"});
    auto host = directory.add({"wrong", "tcp", engine->tlsAddress(),
                               {engine->certificates().ca(), other.clientCert(), other.clientKeyPem(), std::nullopt}, ""});
    auto tested = directory.test(host.id);
    EXPECT_FALSE(tested.ok);
    EXPECT_NE(tested.error, "");
    EXPECT_FALSE(directory.hosts()[1].ok);
}

TEST_F(RemoteHosts, ListsTheContainersOfAnEngineReachedOverSshWithTheHostKeyPinnedOnFirstUse) {
    testing::TestSshd sshd(dir.path() / "sshd", engine->socket());
    auto host = directory.add({"ssh1", "ssh", sshd.address(), {std::nullopt, std::nullopt, std::nullopt, sshd.clientKey()}, "usr_admin"});
    EXPECT_EQ(host.sshHostKeyFingerprint, parseHostKey(sshd.hostPublicKey())->fingerprint) << "pinned when added";
    EXPECT_EQ(remoteContainerNames(host.id), std::vector<std::string>{"remote-" + label});
    auto tested = directory.test(host.id);
    EXPECT_TRUE(tested.ok) << tested.error;
    EXPECT_FALSE(tested.hostKeyPinnedNow);
    EXPECT_EQ(tested.hostKeyFingerprint, host.sshHostKeyFingerprint);
    const auto files = RemoteHost::filesDir(dir.path(), host.id);
    EXPECT_EQ(mode(files), "700");
    EXPECT_EQ(mode(files / "ssh_key"), "600");
    EXPECT_EQ(mode(dir.path() / "run"), "700");
    EXPECT_EQ(mode(dir.path() / "run" / ("host-" + host.id + ".sock")), "600");
}

TEST_F(RemoteHosts, AChangedSshHostKeyIsRefusedUntilAnAdminRepinsIt) {
    testing::TestSshd sshd(dir.path() / "sshd", engine->socket());
    auto host = directory.add({"ssh1", "ssh", sshd.address(), {std::nullopt, std::nullopt, std::nullopt, sshd.clientKey()}, "usr_admin"});
    ASSERT_TRUE(directory.test(host.id).ok);
    sshd.replaceHostKey();
    auto refused = directory.test(host.id);
    EXPECT_FALSE(refused.ok);
    EXPECT_NE(refused.error.find("is not the pinned one (" + host.sshHostKeyFingerprint + ")"), std::string::npos)
        << refused.error;
    EXPECT_THROW(directory.runtimeFor(host.id), runtime::RuntimeError);
    EXPECT_NE(directory.hosts()[1].error.find("not the pinned one"), std::string::npos);
    EXPECT_EQ(repo.find(host.id)->sshHostKeyFingerprint, host.sshHostKeyFingerprint) << "the pin did not move";

    HostChange repin;
    repin.repinHostKey = true;
    auto repinned = directory.update(host.id, repin);
    EXPECT_EQ(repinned->sshHostKeyFingerprint, parseHostKey(sshd.hostPublicKey())->fingerprint);
    EXPECT_TRUE(directory.test(host.id).ok);
}

TEST_F(RemoteHosts, RemovingAnSshHostLeavesNoSshProcessOrFileBehind) {
    testing::TestSshd sshd(dir.path() / "sshd", engine->socket());
    auto host = directory.add({"ssh1", "ssh", sshd.address(), {std::nullopt, std::nullopt, std::nullopt, sshd.clientKey()}, ""});
    ASSERT_EQ(remoteContainerNames(host.id).size(), 1u);
    EXPECT_FALSE(testing::processesMentioning((dir.path() / "run").string()).empty()) << "no shared ssh connection was kept";
    ASSERT_TRUE(directory.remove(host.id));
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (!testing::processesMentioning((dir.path() / "run").string()).empty() && Clock::now() < deadline)
        std::this_thread::sleep_for(milliseconds(50));
    EXPECT_EQ(testing::processesMentioning((dir.path() / "run").string()), std::vector<std::string>{});
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "run" / ("host-" + host.id + ".sock")));
    EXPECT_FALSE(std::filesystem::exists(RemoteHost::filesDir(dir.path(), host.id))) << "the private key file stayed";
}

// The local engine (the real one) answers at its usual speed while a blackholed host (SYNs dropped)
// holds another thread for its whole connect timeout.
TEST_F(RemoteHosts, ABlackholedHostDoesNotSlowTheLocalListing) {
    auto host = addTls("blackholed", engine->blackholedAddress());
    auto start = Clock::now();
    auto remote = std::async(std::launch::async, [&] { return directory.test(host.id); });
    std::this_thread::sleep_for(milliseconds(100));
    std::vector<long long> localMs;
    while (remote.wait_for(milliseconds(0)) != std::future_status::ready) {
        auto t = Clock::now();
        directory.runtimeFor("")->listContainers({}, true);
        directory.hosts();
        localMs.push_back(std::chrono::duration_cast<milliseconds>(Clock::now() - t).count());
    }
    const auto remoteMs = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
    auto tested = remote.get();
    EXPECT_FALSE(tested.ok);
    EXPECT_NE(tested.error.find("timed out"), std::string::npos) << tested.error;
    EXPECT_GE(remoteMs, 1400);
    EXPECT_LT(remoteMs, 3500) << "waited longer than the host's connect timeout";
    ASSERT_GT(localMs.size(), 5u);
    std::sort(localMs.begin(), localMs.end());
    // Typically under 20 ms; waiting on the blackholed host would take most of its 1.5 s.
    EXPECT_LT(localMs.back(), 1000) << "a local listing waited on the blackholed host";
    RecordProperty("blackholed_ms", static_cast<int>(remoteMs));
    RecordProperty("local_list_p50_ms", static_cast<int>(localMs[localMs.size() / 2]));
    RecordProperty("local_list_max_ms", static_cast<int>(localMs.back()));
    std::printf("blackholed host: %lld ms; local list+hosts while it waited: %zu calls, p50 %lld ms, max %lld ms\n",
                static_cast<long long>(remoteMs), localMs.size(), localMs[localMs.size() / 2], localMs.back());
}

// The Docker manager's aggregate lists (?host=*): the local engine and the remote one over TLS each
// answer with their own images, and two blackholed hosts are reported unreachable after one connect
// timeout, not two: every host is asked at once.
TEST_F(RemoteHosts, AnAggregateAsksEveryHostAtOnceAndReportsTheUnreachableOnes) {
    auto tls = addTls("tls1", engine->tlsAddress());
    auto dark1 = addTls("dark1", engine->blackholedAddress());
    auto dark2 = addTls("dark2", engine->blackholedAddress());
    auto start = Clock::now();
    auto all = askHosts(directory, kEveryHost, [&](const std::string& id) {
        std::vector<std::string> tags;
        for (const auto& i : directory.runtimeFor(id)->listAllImages())
            tags.insert(tags.end(), i.repoTags.begin(), i.repoTags.end());
        return tags;
    });
    const auto tookMs = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
    ASSERT_EQ(all.answers.size(), 2u);
    EXPECT_EQ(all.answers[0].first, kLocalHost);
    EXPECT_EQ(all.answers[1].first, tls.id);
    EXPECT_EQ(all.answers[1].second, std::vector<std::string>{"rivetr-hosttest:1"}) << "the remote engine's own images";
    auto onLocal = all.answers[0].second;
    EXPECT_EQ(std::find(onLocal.begin(), onLocal.end(), "rivetr-hosttest:1"), onLocal.end());
    ASSERT_EQ(all.unreachable.size(), 2u);
    std::set<std::string> dark{all.unreachable[0].host, all.unreachable[1].host};
    EXPECT_EQ(dark, (std::set<std::string>{dark1.id, dark2.id}));
    EXPECT_NE(all.unreachable[0].error.find("timed out"), std::string::npos) << all.unreachable[0].error;
    EXPECT_LT(tookMs, 2800) << "two 1.5 s connect timeouts one after the other would take 3 s";
    std::printf("aggregate over local, tls and two blackholed hosts: %lld ms\n", static_cast<long long>(tookMs));
}

TEST_F(RemoteHosts, CredentialsAreNotInTheDatabaseFilesInClear) {
    testing::TestSshd sshd(dir.path() / "sshd", engine->socket());
    addTls("tls1", engine->tlsAddress());
    directory.add({"ssh1", "ssh", sshd.address(), {std::nullopt, std::nullopt, std::nullopt, sshd.clientKey()}, ""});
    // A line from the middle of each private key: what an attacker with the database file would look for.
    auto middleLine = [](const std::string& pem) {
        auto lines = pem.find('\n') + 1;
        return pem.substr(lines, pem.find('\n', lines) - lines);
    };
    const auto tlsKeyLine = middleLine(engine->certificates().clientKeyPem());
    const auto sshKeyLine = middleLine(sshd.clientKey());
    ASSERT_GT(tlsKeyLine.size(), 20u);
    ASSERT_GT(sshKeyLine.size(), 20u);
    for (const char* file : {"rivetr.db", "rivetr.db-wal"}) {
        if (!std::filesystem::exists(dir.path() / file)) continue;
        const auto bytes = test::readFile(dir.path() / file);
        EXPECT_EQ(bytes.find(tlsKeyLine), std::string::npos) << "TLS client key in clear in " << file;
        EXPECT_EQ(bytes.find(sshKeyLine), std::string::npos) << "SSH private key in clear in " << file;
    }
}

}  // namespace
}  // namespace rivetr::hosts
