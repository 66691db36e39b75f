// What the dashboard shows beside each domain comes from the running proxy: a stored certificate is
// valid with its expiry, a domain whose order failed says why and when ACME retries, a wildcard says
// HTTP-01 cannot issue it.
#include "tests/integration/serve_fixture.hpp"

namespace rivetr {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;

class Certificates : public test::ServeFixture {
protected:
    Certificates() : ServeFixture("cert") {
        // ACME on against a directory nobody answers: every order fails at once.
        extraEnv = {{"RIVETR_PROXY_ACME_ENABLED", "true"},
                    {"RIVETR_PROXY_ACME_DIRECTORY", "https://127.0.0.1:" + std::to_string(test::freePort()) + "/dir"},
                    {"RIVETR_PROXY_ACME_EMAIL", "ops@cert.test"}};
    }
    void SetUp() override {
        storeCertificate("good.test");
        ServeFixture::SetUp();
    }
    // A certificate placed where the certificate manager keeps the ones it issued.
    void storeCertificate(const std::string& domain) {
        auto d = dir.path() / "data/certs" / domain;
        fs::create_directories(d);
        auto r = run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                      "-keyout", (d / "key.pem").string(), "-out", (d / "cert.pem").string(), "-days", "90",
                      "-subj", "/CN=" + domain, "-addext", "subjectAltName=DNS:" + domain});
        ASSERT_EQ(r.exitCode, 0) << r.output;
        fs::permissions(d / "key.pem", fs::perms(0600), fs::perm_options::replace);
    }
    std::map<std::string, json> byDomain() {
        auto r = call("GET", "/api/apps/" + appId + "/certificates");
        EXPECT_EQ(r.status, 200) << r.body;
        auto body = json::parse(r.body, nullptr, false);
        EXPECT_EQ(body.value("tls", false), true) << r.body;
        std::map<std::string, json> out;
        for (const auto& c : body.value("certificates", json::array())) out[c["domain"]] = c;
        return out;
    }
};

TEST_F(Certificates, EachDomainReportsItsOwnState) {
    commitVersion("v1");
    createApp();
    auto put = call("PUT", "/api/apps/" + appId, {{"domains", {"cert.test", "good.test", "*.wild.test"}}});
    ASSERT_EQ(put.status, 200) << put.body;
    auto v1 = deploy();
    ASSERT_EQ(waitStatus(v1, terminal)["status"], "running");

    std::map<std::string, json> certs;
    auto end = std::chrono::steady_clock::now() + 30s;
    do {
        certs = byDomain();
        if (certs["cert.test"].value("state", "") == "failed") break;
        std::this_thread::sleep_for(200ms);
    } while (std::chrono::steady_clock::now() < end);

    ASSERT_EQ(certs.size(), 3u);
    EXPECT_EQ(certs["cert.test"]["state"], "failed") << certs["cert.test"].dump();
    EXPECT_FALSE(certs["cert.test"]["error"].get<std::string>().empty());
    EXPECT_TRUE(certs["cert.test"]["retry_at"].is_string()) << "no next attempt shown";
    EXPECT_TRUE(certs["cert.test"]["not_after"].is_null());

    EXPECT_EQ(certs["good.test"]["state"], "valid") << certs["good.test"].dump();
    ASSERT_TRUE(certs["good.test"]["not_after"].is_string());
    EXPECT_GT(certs["good.test"]["not_after"].get<std::string>(), certs["cert.test"]["retry_at"].get<std::string>())
        << "the stored 90-day certificate expires before the next ACME retry";
    EXPECT_TRUE(certs["good.test"]["error"].is_null());

    EXPECT_EQ(certs["*.wild.test"]["state"], "wildcard");
}

}  // namespace
}  // namespace rivetr
