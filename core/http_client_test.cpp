// The libcurl wrapper against a scripted local server: status, headers, bodies, timeouts, cancel, unix sockets.
#include "core/http_client.hpp"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace rivetr::http {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// One thread, one connection at a time: reads a request (Content-Length or chunked body), lets the
// test's `reply` write raw bytes, closes. Listens on 127.0.0.1 or, when given, a unix socket.
class ScriptedServer {
public:
    using Reply = std::function<void(int fd, const std::atomic<bool>& stop)>;
    explicit ScriptedServer(Reply reply, const std::string& unixPath = {}) : reply_(std::move(reply)) {
        listen_ = unixPath.empty() ? listenTcp() : listenUnix(unixPath);
        thread_ = std::thread([this] { serve(); });
    }
    ~ScriptedServer() {
        stop_ = true;
        thread_.join();
        ::close(listen_);
    }
    int port() const { return port_; }
    std::string request() {
        std::lock_guard lock(mutex_);
        return request_;
    }

private:
    int listenTcp() {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd, 16) != 0)
            throw std::runtime_error("listen failed");
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        return fd;
    }
    static int listenUnix(const std::string& path) {
        int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 16) != 0)
            throw std::runtime_error("listen failed on " + path);
        return fd;
    }
    void serve() {
        while (!stop_) {
            pollfd p{listen_, POLLIN, 0};
            if (::poll(&p, 1, 20) != 1) continue;
            int fd = ::accept(listen_, nullptr, nullptr);
            if (fd < 0) continue;
            readRequest(fd);
            reply_(fd, stop_);
            ::close(fd);
        }
    }
    void readRequest(int fd) {
        std::string in;
        char buf[4096];
        while (!complete(in)) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 2000) != 1) break;
            auto n = ::read(fd, buf, sizeof buf);
            if (n <= 0) break;
            in.append(buf, static_cast<std::size_t>(n));
        }
        std::lock_guard lock(mutex_);
        request_ = in;
    }
    static bool complete(const std::string& in) {
        auto end = in.find("\r\n\r\n");
        if (end == std::string::npos) return false;
        if (in.find("Transfer-Encoding: chunked") < end) return in.find("\r\n0\r\n\r\n", end) != std::string::npos;
        auto cl = in.find("Content-Length: ");
        std::size_t length = cl < end ? std::stoul(in.substr(cl + 16)) : 0;
        return in.size() >= end + 4 + length;
    }

    Reply reply_;
    int listen_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::string request_;
    std::thread thread_;
};

void send(int fd, const std::string& bytes) { ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL); }

ScriptedServer::Reply answer(std::string raw) {
    return [raw = std::move(raw)](int fd, const std::atomic<bool>&) { send(fd, raw); };
}

std::string urlOf(const ScriptedServer& s, const std::string& path = "/") {
    return "http://127.0.0.1:" + std::to_string(s.port()) + path;
}

TEST(HttpClientTest, SendsMethodHeadersAndBodyAndCollectsTheReply) {
    ScriptedServer server(answer("HTTP/1.1 201 Created\r\nX-Thing:  a value \r\nContent-Length: 5\r\n\r\nhello"));
    Request req;
    req.method = "PUT";
    req.url = urlOf(server, "/things/1");
    req.headers = {"X-Asked: yes"};
    req.body = "payload";
    auto r = perform(req);
    EXPECT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.body, "hello");
    EXPECT_EQ(r.headers["x-thing"], "a value");
    EXPECT_EQ(r.headers["content-length"], "5");
    auto sent = server.request();
    EXPECT_EQ(sent.rfind("PUT /things/1 HTTP/1.1\r\n", 0), 0u) << sent;
    EXPECT_NE(sent.find("X-Asked: yes\r\n"), std::string::npos) << sent;
    EXPECT_EQ(sent.substr(sent.size() - 7), "payload");
}

TEST(HttpClientTest, PostWithoutABodySendsAnEmptyOne) {
    ScriptedServer server(answer("HTTP/1.1 204 No Content\r\n\r\n"));
    Request req;
    req.method = "POST";
    req.url = urlOf(server);
    auto r = perform(req);
    EXPECT_EQ(r.status, 204);
    EXPECT_NE(server.request().find("Content-Length: 0\r\n"), std::string::npos) << server.request();
}

TEST(HttpClientTest, ASilentServerTimesOutWithinTheLimit) {
    ScriptedServer server([](int, const std::atomic<bool>& stop) {
        for (auto end = Clock::now() + 5s; !stop && Clock::now() < end;) std::this_thread::sleep_for(10ms);
    });
    Request req;
    req.url = urlOf(server);
    req.timeout = 300ms;
    auto start = Clock::now();
    auto r = perform(req);
    EXPECT_EQ(r.failure, Failure::TimedOut);
    EXPECT_EQ(r.status, 0);
    EXPECT_FALSE(r.error.empty());
    EXPECT_LT(Clock::now() - start, 2s);
}

// A chunk every 20 ms for up to 10 s; the reader stops after three chunks.
TEST(HttpClientTest, AStreamedBodyCancelledMidwayStopsAtOnce) {
    ScriptedServer server([](int fd, const std::atomic<bool>& stop) {
        send(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (auto end = Clock::now() + 10s; !stop && Clock::now() < end;) {
            send(fd, "5\r\ntick\n\r\n");
            std::this_thread::sleep_for(20ms);
        }
    });
    std::string got;
    int chunks = 0;
    Request req;
    req.url = urlOf(server);
    req.onData = [&](std::string_view bytes) {
        got.append(bytes);
        ++chunks;
    };
    req.cancelled = [&] { return chunks >= 3; };
    auto start = Clock::now();
    auto r = perform(req);
    EXPECT_EQ(r.failure, Failure::Cancelled);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(got, "tick\ntick\ntick\n");
    EXPECT_TRUE(r.body.empty());
    EXPECT_LT(Clock::now() - start, 3s);
}

// No bytes arrive at all: the cancel is still seen within about a second (the progress callback).
TEST(HttpClientTest, CancelIsSeenWhileNothingArrives) {
    ScriptedServer server([](int fd, const std::atomic<bool>& stop) {
        send(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        while (!stop) std::this_thread::sleep_for(10ms);
    });
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
        std::this_thread::sleep_for(200ms);
        cancel = true;
    });
    Request req;
    req.url = urlOf(server);
    req.onData = [](std::string_view) {};
    req.cancelled = [&] { return cancel.load(); };
    auto start = Clock::now();
    auto r = perform(req);
    canceller.join();
    EXPECT_EQ(r.failure, Failure::Cancelled);
    EXPECT_LT(Clock::now() - start, 3s);
}

// An event stream answers its headers and then may stay silent for hours: the caller learns at once
// that the server accepted it (and not before: a 100 Continue is no answer yet).
TEST(HttpClientTest, HeadersOfASilentStreamAreReportedBeforeAnyBody) {
    ScriptedServer server([](int fd, const std::atomic<bool>& stop) {
        send(fd, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        while (!stop) std::this_thread::sleep_for(10ms);
    });
    std::atomic<long> seen{0};
    std::atomic<int> calls{0};
    Request req;
    req.url = urlOf(server);
    req.onData = [](std::string_view) {};
    req.onHeaders = [&](long status) {
        seen = status;
        ++calls;
    };
    req.cancelled = [&] { return seen.load() != 0; };  // stop once the headers were reported
    auto r = perform(req);
    EXPECT_EQ(r.failure, Failure::Cancelled);
    EXPECT_EQ(seen.load(), 200);
    EXPECT_EQ(calls.load(), 1);
}

TEST(HttpClientTest, AnErrorReplyIsCollectedNotStreamed) {
    ScriptedServer server(answer("HTTP/1.1 404 Not Found\r\nContent-Length: 20\r\n\r\n{\"message\":\"absent\"}"));
    bool streamed = false;
    Request req;
    req.url = urlOf(server);
    req.onData = [&](std::string_view) { streamed = true; };
    auto r = perform(req);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, "{\"message\":\"absent\"}");
    EXPECT_FALSE(streamed);
}

TEST(HttpClientTest, AnExceptionFromTheStreamCallbackIsRethrown) {
    ScriptedServer server(answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"));
    Request req;
    req.url = urlOf(server);
    req.onData = [](std::string_view) { throw std::runtime_error("bad line"); };
    EXPECT_THROW(perform(req), std::runtime_error);
}

TEST(HttpClientTest, AnUploadIsPulledAndSentChunked) {
    ScriptedServer server(answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    std::vector<std::string> parts = {"first,", "second,", "third"};
    std::size_t next = 0;
    Request req;
    req.method = "POST";
    req.url = urlOf(server, "/build");
    req.upload = [&](char* out, std::size_t max) -> std::size_t {
        if (next == parts.size()) return 0;
        auto& p = parts[next++];
        EXPECT_LE(p.size(), max);
        std::memcpy(out, p.data(), p.size());
        return p.size();
    };
    auto r = perform(req);
    EXPECT_EQ(r.status, 200) << r.detail;
    auto sent = server.request();
    EXPECT_NE(sent.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << sent;
    EXPECT_EQ(sent.find("Expect:"), std::string::npos) << sent;
    EXPECT_NE(sent.find("6\r\nfirst,\r\n"), std::string::npos) << sent;
    EXPECT_NE(sent.find("5\r\nthird\r\n0\r\n\r\n"), std::string::npos) << sent;
}

TEST(HttpClientTest, TalksOverAUnixSocket) {
    test::TempDir dir("rivetr-http");
    auto path = (dir / "engine.sock").string();
    ScriptedServer server(answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"), path);
    Request req;
    req.url = "http://docker/_ping";
    req.unixSocket = path;
    auto r = perform(req);
    EXPECT_EQ(r.status, 200) << r.detail;
    EXPECT_EQ(r.body, "OK");
    EXPECT_NE(server.request().find("Host: docker\r\n"), std::string::npos);
}

TEST(HttpClientTest, ARefusedConnectionIsReportedNotThrown) {
    Request req;
    req.url = "http://127.0.0.1:" + std::to_string(test::freePort()) + "/";
    auto r = perform(req);
    EXPECT_EQ(r.failure, Failure::CouldNotConnect);
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.detail, r.error);  // libcurl's own line names the address
}

// The global init runs once however many threads start their first request together.
TEST(HttpClientTest, ManyThreadsCanStartAtOnce) {
    std::string url = "http://127.0.0.1:" + std::to_string(test::freePort()) + "/";
    std::vector<std::thread> threads;
    std::atomic<int> refused{0};
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            Request req;
            req.url = url;
            if (perform(req).failure == Failure::CouldNotConnect) ++refused;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(refused, 8);
}

// A CA, and a server and a client certificate it signed (P-256, one day), made with the openssl CLI.
void makeCertificates(const std::filesystem::path& d) {
    auto req = [&](const std::string& name, const std::string& cn, std::vector<std::string> extra) {
        std::vector<std::string> argv{"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                      "-nodes", "-days", "1", "-subj", "/CN=" + cn,
                                      "-keyout", (d / (name + ".key")).string(), "-out", (d / (name + ".pem")).string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        auto r = run(argv);
        ASSERT_EQ(r.exitCode, 0) << r.output;
    };
    auto signedByCa = std::vector<std::string>{"-CA", (d / "ca.pem").string(), "-CAkey", (d / "ca.key").string()};
    req("ca", "test-ca", {});
    auto server = signedByCa;
    server.insert(server.end(), {"-addext", "subjectAltName=DNS:localhost"});
    req("server", "localhost", server);
    req("client", "client", signedByCa);
}

// The TLS options reach libcurl: an extra CA to trust and a client certificate (remote Docker's
// --tlsverify), against `openssl s_server` demanding one.
TEST(HttpClientTest, TrustsTheGivenCaAndPresentsTheClientCertificate) {
    test::TempDir dir("rivetr-http-tls");
    ASSERT_NO_FATAL_FAILURE(makeCertificates(dir.path()));
    int port = test::freePort();
    auto pem = [&](const std::string& name) { return (dir / name).string(); };
    auto server = Process::spawn({"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port), "-cert",
                                  pem("server.pem"), "-key", pem("server.key"), "-CAfile", pem("ca.pem"), "-Verify", "1",
                                  "-www", "-quiet"});
    Request probe;  // plain HTTP: refused until s_server listens, some other failure after
    probe.url = "http://127.0.0.1:" + std::to_string(port) + "/";
    probe.timeout = 500ms;
    for (auto end = Clock::now() + 10s; Clock::now() < end && perform(probe).failure == Failure::CouldNotConnect;)
        std::this_thread::sleep_for(50ms);

    Request req;
    req.url = "https://localhost:" + std::to_string(port) + "/";
    req.ignoreProxyEnv = true;
    req.timeout = 5s;
    EXPECT_FALSE(perform(req).ok()) << "a server signed by an unknown CA was trusted";
    req.caFile = pem("ca.pem");
    EXPECT_FALSE(perform(req).ok()) << "the server accepted a client without a certificate";
    req.clientCert = pem("client.pem");
    req.clientKey = pem("client.key");
    auto r = perform(req);
    EXPECT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.status, 200);
}

// One Client answers several requests; options of one request do not leak into the next.
TEST(HttpClientTest, AClientIsReusedAcrossRequests) {
    ScriptedServer server(answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
    Client client;
    Request post;
    post.method = "POST";
    post.url = urlOf(server);
    post.body = "x";
    EXPECT_EQ(client.perform(post).status, 200);
    Request get;
    get.url = urlOf(server);
    EXPECT_EQ(client.perform(get).body, "hi");
    EXPECT_EQ(server.request().rfind("GET / HTTP/1.1\r\n", 0), 0u) << server.request();
}

}  // namespace
}  // namespace rivetr::http
