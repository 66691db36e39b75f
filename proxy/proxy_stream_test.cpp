// 100 MB each way through the proxy with bounded memory: bodies are streamed, never buffered whole.
#include <gtest/gtest.h>

#include <unistd.h>

#include <functional>

#include "proxy/asio.hpp"
#include "proxy/proxy_test_util.hpp"
#include "proxy/test_backend.hpp"

namespace rivetr::proxy {
namespace {

constexpr std::uint64_t kSize = 100ull * 1024 * 1024;

// The process's peak RSS growth while `work` runs; the backend and client stream too, so growth is the proxy's.
long rssGrowthKb(const std::function<void()>& work) { return rivetr::test::peakRssGrowthKb(::getpid(), work, std::chrono::milliseconds(5)); }

class ProxyStreamTest : public ::testing::Test {
protected:
    void SetUp() override {
        proxy = std::make_unique<Proxy>(test::testOptions());
        proxy->start();
        proxy->switchApp(test::app("big", {"big.example.com"}, {backend.port()}));
    }
    test::TestBackend backend{"big"};
    std::unique_ptr<Proxy> proxy;
};

TEST_F(ProxyStreamTest, Upload100MbWithBoundedMemory) {
    std::string answer;
    long growth = rssGrowthKb([&] {
        asio::io_context ioc;
        tcp::socket s(ioc);
        s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), proxy->httpPort()));
        std::string head = "POST /count HTTP/1.1\r\nHost: big.example.com\r\nContent-Length: " + std::to_string(kSize) +
                           "\r\nConnection: close\r\n\r\n";
        asio::write(s, asio::buffer(head));
        std::vector<char> chunk(256 * 1024, 'u');
        for (std::uint64_t sent = 0; sent < kSize; sent += chunk.size()) asio::write(s, asio::buffer(chunk));
        beast::flat_buffer buf;
        http::response<http::string_body> res;
        http::read(s, buf, res);
        answer = res.body();
    });
    EXPECT_EQ(answer, std::to_string(kSize));
    EXPECT_LT(growth, 20 * 1024) << "proxy RSS grew by " << growth << " KiB for a 100 MiB upload";
}

TEST_F(ProxyStreamTest, Download100MbWithBoundedMemory) {
    std::uint64_t received = 0;
    long growth = rssGrowthKb([&] {
        asio::io_context ioc;
        tcp::socket s(ioc);
        s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), proxy->httpPort()));
        std::string req = "GET /bytes?n=" + std::to_string(kSize) + " HTTP/1.1\r\nHost: big.example.com\r\n\r\n";
        asio::write(s, asio::buffer(req));
        beast::flat_buffer buf;
        http::response_parser<http::buffer_body> p;
        p.body_limit(std::numeric_limits<std::uint64_t>::max());
        http::read_header(s, buf, p);
        std::vector<char> chunk(256 * 1024);
        while (!p.is_done()) {
            p.get().body().data = chunk.data();
            p.get().body().size = chunk.size();
            beast::error_code ec;
            http::read(s, buf, p, ec);
            if (ec && ec != http::error::need_buffer) break;
            received += chunk.size() - p.get().body().size;
        }
    });
    EXPECT_EQ(received, kSize);
    EXPECT_LT(growth, 20 * 1024) << "proxy RSS grew by " << growth << " KiB for a 100 MiB download";
}

}  // namespace
}  // namespace rivetr::proxy
