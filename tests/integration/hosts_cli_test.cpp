// `rivetr hosts` against a real `rivetr serve`: add (tcp and ssh), list, show, update, test, remove; usage errors; roles; hosts kept across a restart; no credential ever printed.
#include "hosts/testing/test_certificates.hpp"
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using nlohmann::json;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class HostsCli : public test::ServeFixture {
protected:
    HostsCli() : ServeFixture("hostscli", false) {
        extraEnv = {{"RIVETR_HOSTS_CONNECT_TIMEOUT_MS", "500"}};
    }

    hosts::testing::TestCertificates certs = hosts::testing::makeTestCertificates(dir.path() / "certs", {"127.0.0.1"});

    std::string sshKey() {
        const auto key = dir.path() / "id_ed25519";
        if (!std::filesystem::exists(key)) run({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.string()});
        return key.string();
    }

    RunResult addTcp(const std::string& name, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"hosts", "add", name, "--tcp", "127.0.0.1:" + std::to_string(test::freePort()),
                                      "--tls-ca", certs.caPem.string(), "--tls-cert", certs.clientPem.string(),
                                      "--tls-key", certs.clientKey.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return cli(args);
    }

    json listJson() { return json::parse(cli({"hosts", "list", "--json"}, {}, false).output); }
};

TEST_F(HostsCli, AddListTestAndRemoveRemoteHosts) {
    auto listed = cli({"hosts", "list"});
    EXPECT_EQ(listed.exitCode, 0) << listed.output;
    EXPECT_TRUE(has(listed.output, "local")) << listed.output;

    auto tcp = addTcp("build1");
    EXPECT_EQ(tcp.exitCode, 0) << tcp.output;
    EXPECT_TRUE(has(tcp.output, "added host build1")) << tcp.output;
    auto ssh = cli({"hosts", "add", "far", "--ssh", "deploy@127.0.0.1:" + std::to_string(test::freePort()), "--ssh-key", sshKey()});
    EXPECT_EQ(ssh.exitCode, 0) << ssh.output;
    EXPECT_TRUE(has(ssh.output, "host key not pinned yet")) << ssh.output;

    auto all = listJson();
    ASSERT_EQ(all.size(), 3u) << all.dump();
    EXPECT_EQ(all[0]["id"], "local");
    EXPECT_EQ(all[1]["name"], "build1");
    EXPECT_EQ(all[2]["kind"], "ssh");
    const auto text = cli({"hosts", "list", "--json"}).output + cli({"hosts", "list"}).output;
    EXPECT_FALSE(has(text, "PRIVATE KEY")) << "a credential was printed";

    auto tested = cli({"hosts", "test", "build1"});
    EXPECT_EQ(tested.exitCode, 1) << tested.output;
    EXPECT_TRUE(has(tested.output, "failed: ")) << tested.output;

    // Kept across a restart, and the background refresh has tried them by the time we look.
    stop(SIGTERM);
    start();
    EXPECT_EQ(listJson().size(), 3u);

    auto removed = cli({"hosts", "remove", "build1"});
    EXPECT_EQ(removed.exitCode, 0) << removed.output;
    EXPECT_EQ(listJson().size(), 2u);
    EXPECT_EQ(cli({"hosts", "remove", "build1"}).exitCode, 1);
}

TEST_F(HostsCli, UsageErrorsExitTwoAndAViewerCannotAddAHost) {
    for (std::vector<std::string> args : {std::vector<std::string>{"hosts"},
                                          {"hosts", "frobnicate"},
                                          {"hosts", "add", "x"},
                                          {"hosts", "add", "x", "--tcp", "h:1", "--ssh", "u@h"},
                                          {"hosts", "add", "x", "--tcp", "h:1"},
                                          {"hosts", "add", "x", "--ssh", "u@h"},
                                          {"hosts", "test"}}) {
        auto r = cli(args);
        EXPECT_EQ(r.exitCode, 2) << testing::PrintToString(args) << "\n" << r.output;
    }
    auto token = json::parse(call("POST", "/api/tokens", {{"name", "ro"}, {"role", "viewer"}}).body)["token"].get<std::string>();
    auto refused = addTcp("build1", {"--token", token});
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_TRUE(has(refused.output, "403")) << refused.output;
    EXPECT_EQ(cli({"hosts", "list", "--token", token}).exitCode, 0);
    auto bad = addTcp("Bad Name");
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(has(bad.output, "(field name)")) << bad.output;
}

// update changes only what is given (the credentials kept, one replaced), show prints the host without its keys.
TEST_F(HostsCli, ShowsAndUpdatesAHost) {
    ASSERT_EQ(addTcp("build1").exitCode, 0);
    const auto before = json::parse(cli({"hosts", "show", "build1", "--json"}, {}, false).output);
    auto renamed = cli({"hosts", "update", "build1", "--name", "builder", "--tls-key", certs.clientKey.string()});
    EXPECT_EQ(renamed.exitCode, 0) << renamed.output;
    EXPECT_TRUE(has(renamed.output, "updated host builder (" + before["id"].get<std::string>() + ")")) << renamed.output;

    auto shown = cli({"hosts", "show", "builder"});
    EXPECT_EQ(shown.exitCode, 0) << shown.output;
    EXPECT_TRUE(has(shown.output, "name: builder\n")) << shown.output;
    EXPECT_TRUE(has(shown.output, "address: " + before["address"].get<std::string>() + "\n")) << "kept: " << shown.output;
    for (const char* kept : {"has_tls_ca: yes", "has_tls_cert: yes", "has_tls_key: yes"}) EXPECT_TRUE(has(shown.output, kept)) << shown.output;
    EXPECT_FALSE(has(shown.output + renamed.output, "PRIVATE KEY")) << "a credential was printed";
    EXPECT_EQ(cli({"hosts", "show", "build1"}).exitCode, 1) << "the old name is gone";

    EXPECT_EQ(cli({"hosts", "update", "builder"}).exitCode, 2) << "nothing to change";
    EXPECT_EQ(cli({"hosts", "show"}).exitCode, 2);
    auto bad = cli({"hosts", "update", "builder", "--name", "Bad Name"});
    EXPECT_EQ(bad.exitCode, 1) << bad.output;
    EXPECT_TRUE(has(bad.output, "(field name)")) << bad.output;
    auto token = json::parse(call("POST", "/api/tokens", {{"name", "ro"}, {"role", "viewer"}}).body)["token"].get<std::string>();
    auto refused = cli({"hosts", "update", "builder", "--name", "other", "--token", token});
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_TRUE(has(refused.output, "403")) << refused.output;
    EXPECT_EQ(json::parse(cli({"hosts", "show", "builder", "--json"}, {}, false).output)["name"], "builder");
}

}  // namespace
}  // namespace rivetr
