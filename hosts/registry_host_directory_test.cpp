// The directory with remote hosts, without a second engine: listing, validation, back-off, and a host that hangs slowing nobody else.
#include "hosts/registry_host_directory.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "engine/testing/fake_runtime.hpp"
#include "engine/testing/loopback_listener.hpp"
#include "hosts/host_refresher.hpp"
#include "hosts/testing/test_certificates.hpp"
#include "store/conflict_error.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::hosts {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

struct Directory : ::testing::Test {
    test::TempDir dir;
    std::unique_ptr<store::Store> db = store::Store::open(dir.path());
    store::HostRepository repo{*db, store::SecretBox(*crypto::keyFromHex(std::string(64, 'c')))};
    std::shared_ptr<engine::testing::FakeRuntime> local = std::make_shared<engine::testing::FakeRuntime>([] { return 0; });
    testing::TestCertificates certs = testing::makeTestCertificates(dir.path() / "certs", {"127.0.0.1"});

    RemoteHostOptions options() {
        RemoteHostOptions o;
        o.dataDir = dir.path();
        o.connectTimeout = milliseconds(800);
        o.firstRetry = milliseconds(60000);
        return o;
    }
    RegistryHostDirectory directory{repo, [this] { return local; }, options()};

    store::HostRecord addTcp(const std::string& name, int port) {
        return directory.add({name, "tcp", "127.0.0.1:" + std::to_string(port),
                              {certs.ca(), certs.clientCert(), certs.clientKeyPem(), std::nullopt}, "usr_admin"});
    }
};

long long elapsedMs(Clock::time_point since) {
    return std::chrono::duration_cast<milliseconds>(Clock::now() - since).count();
}

TEST_F(Directory, ListsTheLocalEngineFirstThenEachStoredHostNotYetContacted) {
    addTcp("zeta", 1);
    addTcp("alpha", 2);
    auto hosts = directory.hosts();
    ASSERT_EQ(hosts.size(), 3u);
    EXPECT_EQ(hosts[0].id, "local");
    EXPECT_EQ(hosts[1].name, "alpha");
    EXPECT_EQ(hosts[2].name, "zeta");
    EXPECT_FALSE(hosts[1].ok);
    EXPECT_EQ(hosts[1].error, "not connected yet");
    EXPECT_EQ(directory.runtimeFor("local").get(), local.get());
    EXPECT_THROW(directory.runtimeFor("hst_nope"), HostNotFound);
}

TEST_F(Directory, ADirectoryStartedLaterFindsTheStoredHosts) {
    auto added = addTcp("build1", 1);
    RegistryHostDirectory again(repo, [this] { return local; }, options());
    ASSERT_EQ(again.hosts().size(), 2u);
    EXPECT_EQ(again.find("build1")->id, added.id) << "a host is found by its name too";
}

TEST_F(Directory, BadInputIsRefusedNamingTheFieldAndStoresNothing) {
    auto fieldOf = [&](NewHost h) -> std::string {
        try {
            directory.add(h);
        } catch (const InvalidHostInput& e) {
            return e.field();
        }
        return "(accepted)";
    };
    store::HostSecrets tls{certs.ca(), certs.clientCert(), certs.clientKeyPem(), std::nullopt};
    EXPECT_EQ(fieldOf({"Bad Name", "tcp", "10.0.0.1:2376", tls, ""}), "name");
    EXPECT_EQ(fieldOf({"b1", "ftp", "10.0.0.1:2376", tls, ""}), "kind");
    EXPECT_EQ(fieldOf({"b1", "tcp", "10.0.0.1", tls, ""}), "address");
    EXPECT_EQ(fieldOf({"b1", "tcp", "10.0.0.1:2376", {certs.ca(), certs.clientCert(), std::nullopt, std::nullopt}, ""}), "tls_key");
    EXPECT_EQ(fieldOf({"b1", "tcp", "10.0.0.1:2376", {certs.ca(), "not pem", certs.clientKeyPem(), std::nullopt}, ""}), "tls_cert");
    EXPECT_EQ(fieldOf({"b1", "ssh", "-oProxyCommand=x@h", {std::nullopt, std::nullopt, std::nullopt, "k"}, ""}), "address");
    EXPECT_EQ(fieldOf({"b1", "ssh", "me@h", {}, ""}), "ssh_key");
    EXPECT_TRUE(repo.list().empty());
    addTcp("b1", 1);
    EXPECT_THROW(addTcp("b1", 2), store::ConflictError);
}

TEST_F(Directory, ARefusedHostIsDownWithTheReasonAndBacksOffWithoutTryingAgain) {
    auto id = addTcp("gone", test::freePort()).id;
    try {
        directory.runtimeFor(id);
        FAIL() << "connected to a port nobody listens on";
    } catch (const runtime::RuntimeError& e) {
        EXPECT_EQ(e.kind(), runtime::ErrorKind::DaemonUnavailable);
    }
    auto down = directory.hosts()[1];
    EXPECT_FALSE(down.ok);
    EXPECT_NE(down.error.find("127.0.0.1"), std::string::npos) << down.error;
    auto start = Clock::now();
    EXPECT_THROW(directory.runtimeFor(id), runtime::RuntimeError);
    EXPECT_LT(elapsedMs(start), 50) << "a second call during back-off tries again";
    EXPECT_EQ(directory.hosts()[1].sinceMs, down.sinceMs);
}

// A host that accepts TCP and never answers (the worst case: no refusal, no reset) holds its caller for
// its connect timeout, while the local engine and the host list answer at once in other threads.
TEST_F(Directory, AHostThatNeverAnswersSlowsNeitherTheLocalEngineNorTheList) {
    engine::testing::LoopbackListener silent;
    auto id = addTcp("silent", silent.port()).id;
    auto start = Clock::now();
    auto remote = std::async(std::launch::async, [&] {
        try {
            directory.runtimeFor(id);
        } catch (const runtime::RuntimeError& e) {
            return std::string(e.what());
        }
        return std::string("connected");
    });
    std::this_thread::sleep_for(milliseconds(100));  // the remote attempt is under way
    long long worst = 0;
    int rounds = 0;
    while (remote.wait_for(milliseconds(0)) != std::future_status::ready) {
        auto t = Clock::now();
        directory.runtimeFor("local")->listContainers({}, true);
        directory.hosts();
        worst = std::max(worst, elapsedMs(t));
        ++rounds;
        std::this_thread::sleep_for(milliseconds(10));
    }
    const auto remoteMs = elapsedMs(start);
    EXPECT_NE(remote.get(), "connected");
    EXPECT_GE(remoteMs, 700) << "the silent host did not time out as configured";
    EXPECT_LT(remoteMs, 2500) << "runtimeFor waited longer than the host's connect timeout";
    EXPECT_GT(rounds, 10);
    // Typically 0-5 ms; the bound leaves room for a loaded machine and still catches a listing that
    // waited on the silent host (about its 800 ms connect timeout).
    EXPECT_LT(worst, 300) << "a local listing waited " << worst << " ms on the silent host";
    RecordProperty("silent_host_ms", static_cast<int>(remoteMs));
    RecordProperty("worst_local_ms", static_cast<int>(worst));
}

TEST_F(Directory, RefreshAsksEveryHostAtOnceSoTheListShowsCurrentStates) {
    engine::testing::LoopbackListener silent1, silent2;
    addTcp("refused", test::freePort());
    addTcp("silent1", silent1.port());
    addTcp("silent2", silent2.port());
    auto start = Clock::now();
    directory.refresh();
    EXPECT_LT(elapsedMs(start), 1500) << "hosts were asked one after another (each takes 800 ms)";
    for (const auto& h : directory.hosts()) {
        if (h.id == "local") continue;
        EXPECT_FALSE(h.ok) << h.name;
        EXPECT_NE(h.error, "not connected yet") << h.name;
    }
}

TEST_F(Directory, TheRefresherChecksHostsInTheBackgroundAndStopsPromptly) {
    addTcp("refused", test::freePort());
    auto shared = std::shared_ptr<RegistryHostDirectory>(&directory, [](RegistryHostDirectory*) {});
    auto refresher = std::make_unique<HostRefresher>(shared, std::chrono::hours(1));
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (directory.hosts()[1].error == "not connected yet" && Clock::now() < deadline)
        std::this_thread::sleep_for(milliseconds(20));
    EXPECT_NE(directory.hosts()[1].error, "not connected yet") << "no refresh ran";
    auto start = Clock::now();
    refresher.reset();
    EXPECT_LT(elapsedMs(start), 2000) << "stopping waited for the next interval";
}

TEST_F(Directory, AnSshHostThatDoesNotAnswerIsStoredUnpinnedAndSaysHowToPinIt) {
    auto added = directory.add({"far", "ssh", "me@127.0.0.1:" + std::to_string(test::freePort()),
                                {std::nullopt, std::nullopt, std::nullopt, "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n"},
                                "usr_admin"});
    EXPECT_EQ(added.sshHostKey, "");
    EXPECT_NE(directory.hosts()[1].error.find("not pinned"), std::string::npos);
    auto tested = directory.test(added.id);
    EXPECT_FALSE(tested.ok);
    EXPECT_NE(tested.error.find("cannot fetch the SSH host key"), std::string::npos) << tested.error;
    EXPECT_FALSE(tested.hostKeyPinnedNow);
}

TEST_F(Directory, RemovingAHostForgetsItAndItsFiles) {
    auto id = addTcp("b1", 1).id;
    std::filesystem::create_directories(RemoteHost::filesDir(dir.path(), id));
    EXPECT_TRUE(directory.remove(id));
    EXPECT_FALSE(directory.remove(id));
    EXPECT_THROW(directory.runtimeFor(id), HostNotFound);
    EXPECT_EQ(directory.hosts().size(), 1u);
    EXPECT_FALSE(std::filesystem::exists(RemoteHost::filesDir(dir.path(), id)));
}

}  // namespace
}  // namespace rivetr::hosts
