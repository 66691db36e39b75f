// Source over smart HTTP (git http-backend behind a test server): token auth, incremental fetch,
// and a server that stalls, before its first byte or mid-pack, is cut off by the stall timeout.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <csignal>
#include <thread>

#include "core/git/git_http_test_server.hpp"
#include "core/git/git_test_repo.hpp"
#include "core/git/source.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"
#include "tests/support/thrown_kind.hpp"

namespace rivetr::git {
namespace {

using rivetr::test::readFile;
using rivetr::test::TempDir;
using rivetr::test::thrownKind;
using test::GitHttpServer;
using test::GitHttpServerOptions;
using test::TestRepo;
using namespace std::chrono_literals;

GitHttpServerOptions serving(const std::filesystem::path& root, std::string user = {}, std::string token = {}) {
    GitHttpServerOptions o;
    o.projectRoot = root;
    o.user = std::move(user);
    o.token = std::move(token);
    return o;
}

class SourceHttpTest : public ::testing::Test {
protected:
    TempDir tmp{"rivetr-git-http"};
    std::filesystem::path data = tmp / "data";
    std::filesystem::path root = tmp / "srv";
    std::unique_ptr<Source> source = test::sourceAt(data);
    TestRepo upstream{root / "app"};
    std::string cache = (data / "git" / "app_00000000000000aa.git").string();

    FetchRequest request(const std::string& url) {
        FetchRequest r;
        r.appId = "app_00000000000000aa";
        r.url = url;
        r.ref = "main";
        return r;
    }
    void bigCommit() {
        for (int i = 0; i < 10; ++i) upstream.write("blob" + std::to_string(i), test::incompressible(40000, i));
        upstream.commit("big");
    }
    // A server that stops sending after the first 60 kB of the pack and holds the connection open.
    GitHttpServerOptions stallingMidPack() {
        auto o = serving(root);
        o.stallPackAfterBytes = 60000;
        return o;
    }
    std::optional<SourceErrorKind> failureKind(const FetchRequest& r, std::string* message = nullptr) {
        return thrownKind<SourceError>([&] { source->checkout(r); }, message);
    }
};

TEST_F(SourceHttpTest, ClonesAndThenFetchesOnlyTheNewCommit) {
    bigCommit();
    GitHttpServer server(serving(root));
    std::vector<TransferStats> reports;
    auto r = request(server.url("app"));
    r.onProgress = [&](const TransferStats& s) { reports.push_back(s); };
    auto first = source->checkout(r);
    EXPECT_EQ(readFile(first.dir.path() / "blob3"), test::incompressible(40000, 3));
    ASSERT_FALSE(reports.empty()) << "progress reaches the deployment log";
    EXPECT_EQ(reports.back().receivedObjects, first.fetched.receivedObjects);

    upstream.write("README", "one more line\n");
    auto sha = upstream.commit("small change");
    auto second = source->checkout(request(server.url("app")));
    EXPECT_EQ(second.sha, sha);
    EXPECT_GE(first.fetched.receivedObjects, 12u);
    EXPECT_GT(first.fetched.receivedBytes, 400000u);
    EXPECT_LE(second.fetched.receivedObjects, 3u);
    EXPECT_LT(second.fetched.receivedBytes * 100, first.fetched.receivedBytes);
}

TEST_F(SourceHttpTest, TokenAuthOverSmartHttp) {
    upstream.write("index.html", "<h1>secret app</h1>\n");
    upstream.commit("c");
    GitHttpServer server(serving(root, "x-access-token", "tok-123"));

    auto ok = request(server.url("app"));
    ok.auth = tokenAuth(GitProvider::GitHub, "tok-123");
    EXPECT_EQ(readFile(source->checkout(ok).dir.path() / "index.html"), "<h1>secret app</h1>\n");
    source->forget(ok.appId);

    auto wrong = request(server.url("app"));
    wrong.auth = tokenAuth(GitProvider::GitHub, "nope");
    std::string message;
    EXPECT_EQ(failureKind(wrong, &message), SourceErrorKind::AuthFailed) << message;
    EXPECT_NE(message.find("refused the credentials"), std::string::npos) << message;
    EXPECT_EQ(message.find("nope"), std::string::npos) << "the token never appears in errors";
    EXPECT_FALSE(std::filesystem::exists(cache));

    EXPECT_EQ(failureKind(request(server.url("app")), &message), SourceErrorKind::AuthFailed) << message;
    EXPECT_NE(message.find("none are configured"), std::string::npos) << message;

    auto gitlabUser = request(server.url("app"));
    gitlabUser.auth = tokenAuth(GitProvider::GitLab, "tok-123");  // user "oauth2" is not this server's
    EXPECT_EQ(failureKind(gitlabUser), SourceErrorKind::AuthFailed);
}

// An app's "https://user:pw@host" URL is split on the way in; the Source gets the pair as auth.
TEST_F(SourceHttpTest, ACredentialSplitOffTheUrlAuthenticates) {
    upstream.write("README", "private\n");
    upstream.commit("c");
    GitHttpServer server(serving(root, "deploy", "pw-77"));
    auto split = splitUrlCredential("http://deploy:pw-77@" + server.url("app").substr(7));
    auto r = request(split.url);
    ASSERT_TRUE(split.credential);
    r.auth = passwordAuth(*split.credential);
    EXPECT_FALSE(source->checkout(r).sha.empty());
}

// Whatever quotes the URL (our messages, libgit2's), a password in it never reaches an error.
TEST_F(SourceHttpTest, ErrorsNeverQuoteAPasswordOfTheUrl) {
    auto port = std::to_string(rivetr::test::freePort());
    std::string message;
    failureKind(request("http://deploy:pw-77@127.0.0.1:" + port + "/app"), &message);
    EXPECT_EQ(message.find("pw-77"), std::string::npos) << message;
    EXPECT_NE(message.find("***@127.0.0.1"), std::string::npos) << message;
}

TEST_F(SourceHttpTest, SubmodulesGetTheTokenOnTheAppsHostOnly) {
    TestRepo lib(root / "lib");
    lib.write("lib.txt", "shared code\n");
    auto libSha = lib.commit("lib");
    upstream.write("app.txt", "app\n");
    upstream.git({"submodule", "add", "-q", "../lib", "vendor/lib"});  // relative: same server
    upstream.commit("with submodule");
    GitHttpServer server(serving(root, "x-access-token", "tok-123"));
    auto r = request(server.url("app"));
    r.auth = tokenAuth(GitProvider::GitHub, "tok-123");
    EXPECT_EQ(readFile(source->checkout(r).dir.path() / "vendor/lib/lib.txt"), "shared code\n");

    // The same server under another host name stands in for a submodule hosted elsewhere.
    auto elsewhere = server.url("lib");
    elsewhere.replace(elsewhere.find("127.0.0.1"), 9, "localhost");
    upstream.write(".gitmodules", "[submodule \"other\"]\n\tpath = other\n\turl = " + elsewhere + "\n");
    upstream.git({"update-index", "--add", "--cacheinfo", "160000," + libSha + ",other"});
    upstream.git({"add", ".gitmodules"});
    upstream.git({"commit", "-q", "-m", "submodule on another host"});
    std::string message;
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::AuthFailed) << message;
    EXPECT_NE(message.find("only sent to 127.0.0.1, not to localhost"), std::string::npos) << message;
}

TEST_F(SourceHttpTest, MissingRepositoryAndBranchNameTheCause) {
    upstream.write("a", "1");
    upstream.commit("c");
    GitHttpServer server(serving(root));
    std::string message;
    EXPECT_EQ(failureKind(request(server.url("nothing-here")), &message), SourceErrorKind::Unreachable) << message;
    auto r = request(server.url("app"));
    r.ref = "release";
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::RefNotFound) << message;
    EXPECT_FALSE(std::filesystem::exists(cache));
}

TEST_F(SourceHttpTest, StallTimeoutStopsAServerThatStallsMidPack) {
    bigCommit();
    GitHttpServer server(stallingMidPack());
    auto r = request(server.url("app"));
    r.stallTimeout = 1s;
    auto started = std::chrono::steady_clock::now();
    std::string message;
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::TimedOut) << message;
    auto took = std::chrono::steady_clock::now() - started;
    EXPECT_LT(took, 5s);
    EXPECT_NE(message.find("stalled"), std::string::npos) << message;
    // Whether libgit2 reported progress before the stall depends on its buffering; the server
    // knows for certain that the first 60 kB of the pack went out before it stopped.
    EXPECT_EQ(server.stalledMidPack(), 1) << "the stall did not happen mid-pack";
    EXPECT_FALSE(std::filesystem::exists(cache)) << "a failed first clone leaves no cache";
}

std::vector<std::string> tempPacks(const std::filesystem::path& cache) {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(cache / "objects" / "pack", ec))
        if (e.path().filename().string().rfind("pack_git2_", 0) == 0) found.push_back(e.path().filename());
    return found;
}

// A fetch interrupted for good (the process killed mid-pack: a crash, a restart, systemd's
// SIGKILL) leaves libgit2's half-received pack as objects/pack/pack_git2_* (16.8 MB seen after
// one). The next fetch of the app removes it, and a failed or timed-out fetch leaves none.
TEST_F(SourceHttpTest, InterruptedFetchesLeaveNoTemporaryPackInTheCache) {
    upstream.write("a.txt", "1");
    upstream.commit("small");
    GitHttpServer server(serving(root));
    source->checkout(request(server.url("app")));
    bigCommit();
    GitHttpServer stalling(stallingMidPack());

    pid_t child = ::fork();
    if (child == 0) {  // a fetch that hangs mid-pack until it is killed
        try {
            auto r = request(stalling.url("app"));
            r.stallTimeout = 60s;
            source->checkout(r);
        } catch (...) {
        }
        ::_exit(0);
    }
    ASSERT_GT(child, 0);
    for (int i = 0; i < 200 && tempPacks(cache).empty(); ++i) std::this_thread::sleep_for(50ms);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    ASSERT_FALSE(tempPacks(cache).empty()) << "the killed fetch was expected to leave its temporary pack";

    auto r = request(stalling.url("app"));
    r.stallTimeout = 1s;
    EXPECT_EQ(failureKind(r), SourceErrorKind::TimedOut);
    EXPECT_EQ(tempPacks(cache), std::vector<std::string>{}) << "a failed fetch cleans the cache";
    EXPECT_EQ(readFile(source->checkout(request(server.url("app"))).dir.path() / "blob9"), test::incompressible(40000, 9));
    EXPECT_EQ(tempPacks(cache), std::vector<std::string>{});
}

TEST_F(SourceHttpTest, StallTimeoutStopsAServerThatNeverAnswers) {
    upstream.write("a", "1");
    upstream.commit("c");
    auto silent = serving(root);
    silent.stallBeforeResponse = true;
    GitHttpServer server(silent);
    auto r = request(server.url("app"));
    r.stallTimeout = 800ms;
    auto started = std::chrono::steady_clock::now();
    std::string message;
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::TimedOut) << message;
    EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
    EXPECT_EQ(server.requests(), 1);
}

TEST_F(SourceHttpTest, DeadlineAndCancellationStopAStalledClone) {
    bigCommit();
    GitHttpServer server(stallingMidPack());
    auto r = request(server.url("app"));
    r.stallTimeout = 60s;
    r.deadline = 1500ms;
    std::string message;
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::TimedOut) << message;
    EXPECT_NE(message.find("deadline"), std::string::npos) << message;

    std::atomic<bool> cancel{false};
    r.deadline = 60s;
    r.cancel = &cancel;
    std::thread canceller([&] {
        std::this_thread::sleep_for(500ms);
        cancel = true;
    });
    auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(failureKind(r, &message), SourceErrorKind::Cancelled) << message;
    canceller.join();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
    EXPECT_FALSE(std::filesystem::exists(cache));
}

}  // namespace
}  // namespace rivetr::git

namespace rivetr::git {
namespace {

using test::GitHttpServer;

// HTTPS needs the server's CA: untrusted it is refused; with SourceOptions::extraCaFile it works,
// token and stall timeout included (the guarded stream sits under TLS).
TEST(SourceHttpsTest, PrivateCaTokenAndStallOverTls) {
    rivetr::test::TempDir tmp{"rivetr-git-https"};
    test::TestRepo upstream{tmp / "srv" / "app"};
    for (int i = 0; i < 10; ++i) upstream.write("b" + std::to_string(i), test::incompressible(40000, i));
    upstream.commit("c");
    auto cert = (tmp / "cert.pem").string(), key = (tmp / "key.pem").string();
    auto made = run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-days", "2", "-keyout",
                     key, "-out", cert});
    ASSERT_EQ(made.exitCode, 0) << made.output;
    auto tls = serving(tmp / "srv", "oauth2", "glpat-1");
    tls.tlsCert = cert;
    tls.tlsKey = key;
    GitHttpServer server(tls);
    FetchRequest r;
    r.appId = "app_00000000000000bb";
    r.url = server.url("app");
    r.ref = "main";
    r.auth = tokenAuth(GitProvider::GitLab, "glpat-1");

    auto untrusted = test::sourceAt(tmp / "data");
    std::string message;
    EXPECT_EQ(rivetr::test::thrownKind<SourceError>([&] { untrusted->checkout(r); }, &message), SourceErrorKind::Unreachable)
        << "a certificate from an unknown CA must be refused: " << message;
    EXPECT_NE(message.find("certificate"), std::string::npos) << message;
    auto trusted = test::sourceAt(tmp / "data", cert);
    EXPECT_EQ(trusted->checkout(r).fetched.receivedObjects, 12u);

    tls.stallPackAfterBytes = 50000;
    GitHttpServer stalling(tls);
    trusted->forget(r.appId);
    r.url = stalling.url("app");
    r.stallTimeout = std::chrono::seconds(1);
    try {
        trusted->checkout(r);
        FAIL() << "a stalled TLS transfer must time out";
    } catch (const SourceError& e) {
        EXPECT_EQ(e.kind(), SourceErrorKind::TimedOut) << e.what();
    }
}

}  // namespace
}  // namespace rivetr::git
