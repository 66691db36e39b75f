// `rivetr backup` of a live server in the middle of a deployment, restored into an empty data dir: a second
// server on it has the same apps, env (its secrets still decrypt), deployments, tokens and certificates.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/stat.h>

#include <thread>

#include "core/git/git_test_repo.hpp"
#include "core/subprocess.hpp"
#include "runtime/container_runtime.hpp"
#include "runtime/naming.hpp"
#include "tests/fixtures/app_cleanup.hpp"
#include "tests/fixtures/fixture_image.hpp"
#include "tests/integration/serve_process.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

unsigned modeOf(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 07777;
}

// One `rivetr serve` on its own ports and data dir; ACME on (so stored certificates are served)
// against a directory nobody answers, so no certificate is ever ordered.
struct Server : test::ServeProcess {
    Server(fs::path work, fs::path data) : ServeProcess(std::move(work), std::move(data)) {
        env = {{"RIVETR_PROXY_ACME_ENABLED", "true"},
               {"RIVETR_PROXY_ACME_DIRECTORY", "https://127.0.0.1:" + std::to_string(test::freePort()) + "/dir"},
               {"RIVETR_PROXY_ACME_EMAIL", "ops@bk.test"},
               {"RIVETR_GIT_ALLOW_LOCAL_REPOSITORIES", "true"}};
    }
    json get(const std::string& path) const {
        auto r = call("GET", path);
        EXPECT_EQ(r.status, 200) << path << ": " << r.body;
        return json::parse(r.body, nullptr, false);
    }
    std::string proxied() const { return viaProxy("bk.test").body; }
    // The certificate the proxy presents for bk.test (PEM), as any TLS client sees it.
    std::string servedCertificate() const {
        auto r = run({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(httpsPort), "-servername", "bk.test"});
        auto begin = r.output.find("-----BEGIN CERTIFICATE-----");
        auto end = r.output.find("-----END CERTIFICATE-----");
        if (begin == std::string::npos || end == std::string::npos) return "no certificate: " + r.output;
        return r.output.substr(begin, end + 25 - begin);
    }
};

class BackupRestore : public ::testing::Test {
protected:
    test::TempDir dir{"rivetr-backup"};
    git::test::TestRepo repo{dir.path() / "repo"};
    Server a{dir.path(), dir.path() / "data-a"}, b{dir.path(), dir.path() / "data-b"};
    std::shared_ptr<runtime::ContainerRuntime> rt;
    std::string appId;

    void SetUp() override {
        RIVETR_REQUIRE_DOCKER();
        rt = runtime::connectRuntime({});
    }
    void TearDown() override {
        a.stop();
        b.stop();
        if (rt && !appId.empty()) test::removeAppObjects(*rt, appId);
    }
    RunResult cli(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        SpawnOptions o;
        o.env = std::move(env);
        return test::runRivetr(std::move(args), o);
    }
    // A self-signed certificate stored where the certificate manager keeps issued ones.
    std::string storeCertificate(const fs::path& dataDir) {
        auto d = dataDir / "certs/bk.test";
        fs::create_directories(d);
        auto r = run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                      "-keyout", (d / "key.pem").string(), "-out", (d / "cert.pem").string(), "-days", "90",
                      "-subj", "/CN=bk.test", "-addext", "subjectAltName=DNS:bk.test"});
        EXPECT_EQ(r.exitCode, 0) << r.output;
        fs::permissions(d / "key.pem", fs::perms(0600), fs::perm_options::replace);
        auto pem = test::readFile(d / "cert.pem");
        return pem.substr(0, pem.find("-----END CERTIFICATE-----") + 25);
    }
    // An app whose live version reads a secret: TESTSERVER_VERSION overrides the image's version.
    void deployAppReadingASecret(const Server& s) {
        test::writeTestserverContext(repo.dir(), {{"TESTSERVER_VERSION", "from-image"}});
        repo.commit("v1");
        auto created = s.call("POST", "/api/apps", json{{"name", "bk"}, {"git_url", repo.url()}, {"port", 8000},
                                                         {"domains", {"bk.test"}}, {"build_type", "dockerfile"},
                                                         {"healthcheck", {{"path", "/health"}, {"interval_ms", 300}}}}.dump());
        ASSERT_EQ(created.status, 201) << created.body;
        appId = json::parse(created.body)["id"];
        auto env = s.call("PUT", "/api/apps/bk/env",
                         json{{"vars", {{{"key", "TESTSERVER_VERSION"}, {"value", "from-secret"}, {"secret", true}},
                                        {{"key", "PLAIN"}, {"value", "plain value"}}}}}.dump());
        ASSERT_EQ(env.status, 200) << env.body;
        deployAndWait(s, "version=from-secret\n");
    }
    // A second deployment that stays in its build (RUN sleep), so a backup is taken mid-deploy.
    void startASlowDeployment(const Server& s) {
        std::filesystem::copy_file("/bin/busybox", repo.dir() / "busybox");
        repo.write("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"sleep\", \"300\"]\n");
        repo.commit("slow");
        auto slow = s.call("POST", "/api/apps/bk/deploy", "{}");
        ASSERT_EQ(slow.status, 202) << slow.body;
        std::string status;
        for (auto end = std::chrono::steady_clock::now() + 60s; std::chrono::steady_clock::now() < end && status != "building";) {
            status = s.get("/api/apps/bk/deployments")[0]["status"];
            std::this_thread::sleep_for(200ms);
        }
        ASSERT_EQ(status, "building");
    }
    void deployAndWait(const Server& s, const std::string& expected) {
        auto r = cli({"deploy", "bk", "--wait", "--url", s.url(), "--token", s.adminToken()});
        ASSERT_EQ(r.exitCode, 0) << r.output;
        EXPECT_EQ(s.proxied(), expected);
    }
};

TEST_F(BackupRestore, ARestoredDataDirServesTheSameInstance) {
    fs::create_directories(a.dataDir);
    fs::permissions(a.dataDir, fs::perms::owner_all, fs::perm_options::replace);
    auto cert = storeCertificate(a.dataDir);
    test::writeFile(dir.path() / "a.toml", "[server]\ndata_dir = \"" + a.dataDir.string() + "\"\n");
    ASSERT_TRUE(a.start({"--config", (dir.path() / "a.toml").string()}));

    ASSERT_NO_FATAL_FAILURE(deployAppReadingASecret(a));
    ASSERT_NO_FATAL_FAILURE(startASlowDeployment(a));

    auto archive = dir.path() / "instance.tar.gz";
    auto backup = cli({"backup", "-o", archive.string(), "--config", (dir.path() / "a.toml").string(),
                       "--json"});
    ASSERT_EQ(backup.exitCode, 0) << backup.output;
    EXPECT_EQ(modeOf(archive), 0600u);
    auto deploymentsBefore = a.get("/api/apps/bk/deployments");
    auto appsBefore = a.get("/api/apps");
    a.stop();

    // A non-empty data dir is refused and left as it was; an empty one is filled.
    auto refused = cli({"restore", archive.string(), "--data-dir", a.dataDir.string()});
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_TRUE(has(refused.output, "is not empty")) << refused.output;
    fs::create_directories(b.dataDir);
    auto restored = cli({"restore", archive.string(), "--data-dir", b.dataDir.string()});
    ASSERT_EQ(restored.exitCode, 0) << restored.output;
    EXPECT_EQ(modeOf(b.dataDir), 0700u);
    EXPECT_EQ(modeOf(b.dataDir / "secret.key"), 0600u);
    EXPECT_EQ(modeOf(b.dataDir / "admin_token"), 0600u);
    EXPECT_EQ(modeOf(b.dataDir / "certs/bk.test/key.pem"), 0600u);
    EXPECT_TRUE(fs::exists(b.dataDir / "rivetr.toml.from-backup"));

    ASSERT_TRUE(b.start());
    EXPECT_EQ(b.adminToken(), a.adminToken());
    EXPECT_EQ(b.get("/api/apps"), appsBefore);
    auto deploymentsAfter = b.get("/api/apps/bk/deployments");
    ASSERT_EQ(deploymentsAfter.size(), deploymentsBefore.size());
    for (std::size_t i = 0; i < deploymentsAfter.size(); ++i) {
        EXPECT_EQ(deploymentsAfter[i]["id"], deploymentsBefore[i]["id"]);
    }
    EXPECT_EQ(deploymentsAfter[1]["status"], "running");
    auto vars = b.get("/api/apps/bk/env");
    ASSERT_EQ(vars.size(), 2u) << vars.dump();
    EXPECT_EQ(b.servedCertificate(), cert);

    // The secret decrypts with the restored key: a fresh deployment on the second server gets it.
    test::writeTestserverContext(repo.dir(), {{"TESTSERVER_VERSION", "from-image"}});
    fs::remove(repo.dir() / "busybox");
    repo.commit("v3");
    deployAndWait(b, "version=from-secret\n");
    auto deploymentsOnB = b.get("/api/apps/bk/deployments");
    ASSERT_EQ(deploymentsOnB.size(), deploymentsBefore.size() + 1);
    EXPECT_EQ(deploymentsOnB[0]["status"], "running");

    // While it runs, the second server's data dir is refused even with --force.
    auto live = cli({"restore", archive.string(), "--data-dir", b.dataDir.string(), "--force"});
    EXPECT_EQ(live.exitCode, 1) << live.output;
    EXPECT_TRUE(has(live.output, "a running rivetr server is using")) << live.output;
}

TEST_F(BackupRestore, ATamperedArchiveIsRefusedAndNothingIsWritten) {
    ASSERT_TRUE(a.start());
    auto archive = dir.path() / "instance.tar.gz";
    auto backup = cli({"backup", "-o", archive.string()}, {{"RIVETR_SERVER_DATA_DIR", a.dataDir.string()}});
    ASSERT_EQ(backup.exitCode, 0) << backup.output;
    a.stop();
    auto tree = dir.path() / "tree";
    fs::create_directories(tree);
    ASSERT_EQ(run({"tar", "-xzf", archive.string(), "-C", tree.string()}).exitCode, 0);
    test::writeFile(tree / "data/admin_token", "rvt_attacker-chosen-token-0123456789");
    ASSERT_EQ(run({"tar", "-czf", archive.string(), "-C", tree.string(), "manifest.json", "data"}).exitCode, 0);

    auto r = cli({"restore", archive.string(), "--data-dir", b.dataDir.string()});
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_TRUE(has(r.output, "data/admin_token does not match its checksum")) << r.output;
    EXPECT_FALSE(fs::exists(b.dataDir));
    for (const auto& e : fs::directory_iterator(dir.path())) EXPECT_FALSE(has(e.path().filename().string(), "restore"));
}

// A server at data dir A, backed up to `archive`, stopped; the archive's members unpacked in `tree`.
class StoppedBackup : public BackupRestore {
protected:
    fs::path archive = dir.path() / "instance.tar.gz";
    fs::path tree = dir.path() / "tree";
    void SetUp() override {
        BackupRestore::SetUp();
        ASSERT_TRUE(a.start());
        auto backup = cli({"backup", "-o", archive.string()}, {{"RIVETR_SERVER_DATA_DIR", a.dataDir.string()}});
        ASSERT_EQ(backup.exitCode, 0) << backup.output;
        a.stop();
        fs::create_directories(tree);
        ASSERT_EQ(run({"tar", "-xzf", archive.string(), "-C", tree.string()}).exitCode, 0);
    }
    void repack() { ASSERT_EQ(run({"tar", "-czf", archive.string(), "-C", tree.string(), "manifest.json", "data"}).exitCode, 0); }
};

TEST_F(StoppedBackup, ABackupFromANewerSchemaIsRefused) {
    auto manifest = json::parse(test::readFile(tree / "manifest.json"));
    manifest["schema_version"] = 9999;
    test::writeFile(tree / "manifest.json", manifest.dump());
    repack();
    auto r = cli({"restore", archive.string(), "--data-dir", b.dataDir.string()});
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_TRUE(has(r.output, "the backup is at schema version 9999 but this rivetr knows only up to")) << r.output;
    EXPECT_FALSE(fs::exists(b.dataDir));
}

TEST_F(StoppedBackup, ForceReplacesAStoppedDataDirAndKeepsTheOldOneAside) {
    test::writeFile(a.dataDir / "written-after-the-backup", "x");
    auto r = cli({"restore", archive.string(), "--data-dir", a.dataDir.string(), "--force", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto out = json::parse(r.output.substr(r.output.find('{')));
    ASSERT_TRUE(out["previous_contents"].is_string()) << r.output;
    fs::path aside = out["previous_contents"].get<std::string>();
    EXPECT_TRUE(fs::exists(aside / "written-after-the-backup"));
    EXPECT_FALSE(fs::exists(a.dataDir / "written-after-the-backup"));
    EXPECT_EQ(test::readFile(a.dataDir / "secret.key"), test::readFile(aside / "secret.key"));
    ASSERT_TRUE(a.start());  // the restored dir serves
}

TEST_F(BackupRestore, UsageErrorsExitTwo) {
    for (std::vector<std::string> args : {std::vector<std::string>{"backup"}, {"backup", "-o"}, {"backup", "-o", "x", "extra"},
                                          {"restore"}, {"restore", "a", "b"}, {"restore", "a", "--bogus"}}) {
        auto r = cli(args);
        EXPECT_EQ(r.exitCode, 2) << testing::PrintToString(args) << "\n" << r.output;
    }
    auto missing = cli({"restore", (dir.path() / "none.tar.gz").string(), "--data-dir", b.dataDir.string()});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(has(missing.output, "no backup file at")) << missing.output;
}

}  // namespace
}  // namespace rivetr
