// TLS termination: a certificate per domain by SNI, reload without restart, unknown names refused.
#include <gtest/gtest.h>

#include <openssl/pem.h>

#include "proxy/asio.hpp"
#include "proxy/proxy_test_util.hpp"
#include "proxy/test_backend.hpp"
#include "proxy/test_certs.hpp"

namespace rivetr::proxy {
namespace {

struct TlsResult {
    bool handshakeOk = false;
    std::string peerCn;
    std::string response;
};

// Connects with SNI `name`, records the served certificate's CN and sends one GET /path.
TlsResult tlsGet(std::uint16_t port, const std::string& name, const std::string& path) {
    TlsResult r;
    asio::io_context ioc;
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_verify_mode(asio::ssl::verify_none);  // the test checks which certificate, not the chain
    beast::ssl_stream<beast::tcp_stream> s(ioc, ctx);
    // The OpenSSL macro hides a C-style cast; spell the call out.
    SSL_ctrl(s.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(name.c_str()));
    beast::get_lowest_layer(s).expires_after(std::chrono::seconds(5));
    beast::get_lowest_layer(s).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    beast::error_code ec;
    s.handshake(asio::ssl::stream_base::client, ec);
    if (ec) return r;
    r.handshakeOk = true;
    if (X509* peer = SSL_get1_peer_certificate(s.native_handle())) {
        char buf[256] = {0};
        X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, buf, sizeof buf);
        r.peerCn = buf;
        X509_free(peer);
    }
    http::request<http::empty_body> req{http::verb::get, path, 11};
    req.set(http::field::host, name);
    http::write(s, req, ec);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    if (!ec) http::read(s, buf, res, ec);
    if (!ec) r.response = res.body();
    return r;
}

class ProxyTlsTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto o = test::testOptions();
        o.httpsEnabled = true;
        o.httpsPort = 0;
        proxy = std::make_unique<Proxy>(o);
        proxy->start();
    }
    std::unique_ptr<Proxy> proxy;
};

TEST_F(ProxyTlsTest, ServesEachDomainItsOwnCertificateBySni) {
    test::TestBackend a("a"), b("b");
    proxy->switchApp(test::app("a", {"one.example.com"}, {a.port()}));
    proxy->switchApp(test::app("b", {"two.example.com"}, {b.port()}));
    auto one = test::selfSigned({"one.example.com"});
    auto two = test::selfSigned({"two.example.com"});
    proxy->certs().set("one.example.com", one.certPem, one.keyPem);
    proxy->certs().set("two.example.com", two.certPem, two.keyPem);

    auto r1 = tlsGet(proxy->httpsPort(), "one.example.com", "/hello");
    ASSERT_TRUE(r1.handshakeOk);
    EXPECT_EQ(r1.peerCn, "one.example.com");
    EXPECT_EQ(r1.response, "hello from a");
    auto r2 = tlsGet(proxy->httpsPort(), "two.example.com", "/headers");
    ASSERT_TRUE(r2.handshakeOk);
    EXPECT_EQ(r2.peerCn, "two.example.com");
    EXPECT_NE(r2.response.find("X-Forwarded-Proto: https"), std::string::npos) << r2.response;
}

TEST_F(ProxyTlsTest, ReloadsACertificateWithoutRestart) {
    test::TestBackend a("a");
    proxy->switchApp(test::app("a", {"one.example.com"}, {a.port()}));
    auto first = test::selfSigned({"one.example.com"});
    proxy->certs().set("one.example.com", first.certPem, first.keyPem);
    ASSERT_EQ(tlsGet(proxy->httpsPort(), "one.example.com", "/hello").peerCn, "one.example.com");
    auto wildcard = test::selfSigned({"*.example.com"});
    proxy->certs().remove("one.example.com");
    proxy->certs().set("*.example.com", wildcard.certPem, wildcard.keyPem);
    auto r = tlsGet(proxy->httpsPort(), "one.example.com", "/hello");
    ASSERT_TRUE(r.handshakeOk);
    EXPECT_EQ(r.peerCn, "*.example.com");
    EXPECT_EQ(r.response, "hello from a");
}

TEST_F(ProxyTlsTest, UnknownServerNameAndBadPemAreRefused) {
    EXPECT_FALSE(tlsGet(proxy->httpsPort(), "nobody.example.com", "/").handshakeOk);
    auto one = test::selfSigned({"one.example.com"});
    auto other = test::selfSigned({"one.example.com"});
    EXPECT_THROW(proxy->certs().set("one.example.com", "garbage", one.keyPem), std::invalid_argument);
    EXPECT_THROW(proxy->certs().set("one.example.com", one.certPem, other.keyPem), std::invalid_argument);
    EXPECT_FALSE(proxy->certs().has("one.example.com"));
}

}  // namespace
}  // namespace rivetr::proxy
