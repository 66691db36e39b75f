// ACME end to end against Debian's pebble + pebble-challtestsrv: two domains, a renewal, a failing domain isolated.
#include <gtest/gtest.h>

#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <thread>

#include "core/subprocess.hpp"
#include "proxy/acme_transport.hpp"
#include "proxy/cert_manager.hpp"
#include "proxy/proxy_test_util.hpp"
#include "proxy/test_certs.hpp"

namespace rivetr::proxy {
namespace {
using rivetr::test::freePort;
using rivetr::test::TempDir;
using rivetr::test::writeFile;

bool certCovers(const std::string& pem, const std::string& host) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> x(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    return x && X509_check_host(x.get(), host.c_str(), host.size(), 0, nullptr) == 1;
}

// pebble and its DNS on free ports; HTTP-01 validations go to `httpPort` (the proxy).
class Pebble {
public:
    Pebble(const TempDir& dir, std::uint16_t httpPort) {
        const auto listener = test::selfSigned({"localhost", "127.0.0.1"}, 365);
        writeFile(dir / "pebble-cert.pem", listener.certPem);
        writeFile(dir / "pebble-key.pem", listener.keyPem);
        caBundle = (dir / "pebble-cert.pem").string();
        const int port = freePort(), mgmt = freePort(), dns = freePort(), dnsMgmt = freePort();
        challtestsrvUrl = "http://127.0.0.1:" + std::to_string(dnsMgmt);
        directory = "https://127.0.0.1:" + std::to_string(port) + "/dir";
        writeFile(dir / "pebble.json",
                  R"({"pebble":{"listenAddress":"127.0.0.1:)" + std::to_string(port) + R"(","managementListenAddress":"127.0.0.1:)" +
                      std::to_string(mgmt) + R"(","certificate":")" + (dir / "pebble-cert.pem").string() +
                      R"(","privateKey":")" + (dir / "pebble-key.pem").string() + R"(","httpPort":)" +
                      std::to_string(httpPort) + R"(,"tlsPort":)" + std::to_string(freePort()) +
                      R"(,"ocspResponderURL":"","externalAccountBindingRequired":false}})");
        SpawnOptions dnsOpts;
        dnsOpts.stdoutFile = dir / "challtestsrv.log";
        dnsServer.emplace(Process::spawn({"pebble-challtestsrv", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "", "-dns01",
                                          "127.0.0.1:" + std::to_string(dns), "-http01", "", "-https01", "", "-tlsalpn01", "",
                                          "-management", "127.0.0.1:" + std::to_string(dnsMgmt)},
                                         dnsOpts));
        SpawnOptions opts;
        opts.stdoutFile = dir / "pebble.log";
        opts.env["PEBBLE_VA_NOSLEEP"] = "1";
        server.emplace(Process::spawn(
            {"pebble", "-config", (dir / "pebble.json").string(), "-dnsserver", "127.0.0.1:" + std::to_string(dns)}, opts));
        acme::Transport t(caBundle, std::chrono::seconds(2));
        for (int i = 0; i < 100 && t.get(directory).status != 200; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // Makes `host` resolve to `ip` for pebble's validation (challtestsrv's mock DNS).
    void setA(const std::string& host, const std::string& ip) {
        rivetr::test::HttpRequest r;
        r.method = "POST";
        r.url = challtestsrvUrl + "/add-a";
        r.body = R"({"host":")" + host + R"(.","addresses":[")" + ip + R"("]})";
        ASSERT_EQ(rivetr::test::http(r).status, 200);
    }
    std::string caBundle, directory, challtestsrvUrl;
    std::optional<Process> dnsServer, server;
};

TEST(Acme, IssuesTwoDomainsRenewsAndIsolatesAFailingOne) {
    TempDir dir;
    auto opts = test::testOptions();
    opts.httpsEnabled = true;
    Proxy proxy(opts);
    proxy.start();
    Pebble pebble(dir, proxy.httpPort());

    CertManagerOptions cm;
    cm.dir = dir / "certs";
    cm.acme.directoryUrl = pebble.directory;
    cm.acme.caBundle = pebble.caBundle;
    cm.acme.email = "ops@example.com";
    cm.acme.pollInterval = std::chrono::milliseconds(100);
    CertManager manager(cm, proxy.certs(), proxy.challenges());
    manager.setDomains({"one.example.com", "two.example.com"});

    const auto now = std::time(nullptr);
    auto first = manager.runOnce(now);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first["one.example.com"], "");
    EXPECT_EQ(first["two.example.com"], "");
    for (const auto* d : {"one.example.com", "two.example.com"}) {
        EXPECT_TRUE(proxy.certs().has(d));
        EXPECT_TRUE(certCovers(rivetr::test::readFile(cm.dir / d / "cert.pem"), d));
        struct stat st{};
        ASSERT_EQ(::stat((cm.dir / d / "key.pem").c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0600u);
    }
    EXPECT_TRUE(manager.runOnce(now).empty()) << "fresh certificates must not be re-ordered";

    // 29 days before expiry: inside the 30-day window, so both renew.
    const auto oldPem = rivetr::test::readFile(cm.dir / "one.example.com" / "cert.pem");
    const auto expiry = *proxy.certs().notAfter("one.example.com");
    auto renewed = manager.runOnce(expiry - 29 * 24 * 3600);
    EXPECT_EQ(renewed["one.example.com"], "");
    EXPECT_NE(rivetr::test::readFile(cm.dir / "one.example.com" / "cert.pem"), oldPem);

    // A domain whose validation cannot succeed fails alone and backs off.
    pebble.setA("fail.example.com", "127.0.0.2");
    manager.setDomains({"one.example.com", "two.example.com", "fail.example.com"});
    auto withFailure = manager.runOnce(now);
    ASSERT_EQ(withFailure.count("fail.example.com"), 1u);
    EXPECT_NE(withFailure["fail.example.com"], "");
    EXPECT_EQ(withFailure.count("one.example.com"), 0u);
    EXPECT_TRUE(manager.runOnce(now).empty()) << "the failing domain must back off";
    EXPECT_FALSE(proxy.certs().has("fail.example.com"));

    // Stored certificates come back after a restart.
    Proxy again(opts);
    again.enableAcme(cm);
    EXPECT_TRUE(again.certs().has("one.example.com"));
    EXPECT_TRUE(again.certs().has("two.example.com"));
}

}  // namespace
}  // namespace rivetr::proxy
