// Test helper: a small smart-HTTP git server that runs `git http-backend` as CGI, with optional
// Basic-auth token check and stall modes, so tests drive libgit2 over real HTTP.
#include "core/git/git_http_test_server.hpp"

#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <chrono>
#include <fstream>
#include <map>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/subprocess.hpp"
#include "core/text.hpp"

namespace rivetr::git::test {

struct Conn {
    int fd = -1;
    SSL* ssl = nullptr;
};

namespace {

struct Request {
    std::string method, path, query;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
};

bool readMore(Conn& c, std::string& buf) {
    char tmp[65536];
    ssize_t n = c.ssl ? SSL_read(c.ssl, tmp, sizeof tmp) : ::recv(c.fd, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf.append(tmp, static_cast<std::size_t>(n));
    return true;
}

bool readChunked(Conn& fd, std::string& buf, std::size_t pos, std::string& body) {
    for (;;) {
        std::size_t eol;
        while ((eol = buf.find("\r\n", pos)) == std::string::npos)
            if (!readMore(fd, buf)) return false;
        std::size_t size = std::stoul(buf.substr(pos, eol - pos), nullptr, 16);
        pos = eol + 2;
        while (buf.size() < pos + size + 2)
            if (!readMore(fd, buf)) return false;
        body.append(buf, pos, size);
        pos += size + 2;
        if (size == 0) return true;
    }
}

std::optional<Request> readRequest(Conn& fd) {
    std::string buf;
    std::size_t headEnd;
    while ((headEnd = buf.find("\r\n\r\n")) == std::string::npos)
        if (!readMore(fd, buf)) return std::nullopt;
    Request r;
    auto lineEnd = buf.find("\r\n");
    auto first = buf.substr(0, lineEnd);
    auto sp1 = first.find(' '), sp2 = first.rfind(' ');
    r.method = first.substr(0, sp1);
    auto target = first.substr(sp1 + 1, sp2 - sp1 - 1);
    auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    for (auto pos = lineEnd + 2; pos < headEnd;) {
        auto end = buf.find("\r\n", pos);
        auto line = buf.substr(pos, end - pos);
        auto colon = line.find(':');
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers[asciiLower(line.substr(0, colon))] = value;
        pos = end + 2;
    }
    auto bodyStart = headEnd + 4;
    if (asciiLower(r.headers["transfer-encoding"]) == "chunked") {
        if (!readChunked(fd, buf, bodyStart, r.body)) return std::nullopt;
    } else if (r.headers.count("content-length")) {
        auto len = std::stoul(r.headers["content-length"]);
        while (buf.size() < bodyStart + len)
            if (!readMore(fd, buf)) return std::nullopt;
        r.body = buf.substr(bodyStart, len);
    }
    return r;
}

void sendAll(Conn& c, const std::string& data) {
    std::size_t off = 0;
    while (off < data.size()) {
        auto left = data.size() - off;
        ssize_t n = c.ssl ? SSL_write(c.ssl, data.data() + off, static_cast<int>(std::min<std::size_t>(left, 1 << 20)))
                          : ::send(c.fd, data.data() + off, left, MSG_NOSIGNAL);
        if (n <= 0) return;
        off += static_cast<std::size_t>(n);
    }
}

// CGI output ("Status: 200 OK\r\nContent-Type: ...\r\n\r\nbody") -> an HTTP/1.1 response.
std::string toHttp(const std::string& cgi) {
    auto sep = cgi.find("\r\n\r\n");
    std::size_t skip = 4;
    if (sep == std::string::npos) {
        sep = cgi.find("\n\n");
        skip = 2;
    }
    if (sep == std::string::npos) return "HTTP/1.1 500 Bad CGI\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    std::string status = "200 OK", headers;
    std::string head = cgi.substr(0, sep);
    for (std::size_t pos = 0; pos < head.size();) {
        auto end = head.find('\n', pos);
        if (end == std::string::npos) end = head.size();
        auto line = head.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (asciiLower(line).rfind("status:", 0) == 0) status = line.substr(line.find(':') + 2);
        else if (!line.empty()) headers += line + "\r\n";
        pos = end + 1;
    }
    auto body = cgi.substr(sep + skip);
    return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

GitHttpServer::GitHttpServer(GitHttpServerOptions options) : opts_(std::move(options)) {
    // SSL_write has no MSG_NOSIGNAL: a client that hangs up (a cancelled fetch) must not kill the test.
    ::signal(SIGPIPE, SIG_IGN);
    listenFd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!opts_.tlsCert.empty()) {
        tls_ = SSL_CTX_new(TLS_server_method());
        if (SSL_CTX_use_certificate_chain_file(tls_, opts_.tlsCert.c_str()) != 1 ||
            SSL_CTX_use_PrivateKey_file(tls_, opts_.tlsKey.c_str(), SSL_FILETYPE_PEM) != 1)
            throw std::runtime_error("git http test server: cannot load the TLS certificate");
    }
    if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listenFd_, 64) != 0)
        throw std::runtime_error("git http test server: cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptThread_ = std::thread([this] { acceptLoop(); });
}

GitHttpServer::~GitHttpServer() {
    stop_ = true;
    acceptThread_.join();
    {
        std::lock_guard lock(mutex_);
        for (int fd : openFds_) ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& t : workers_) t.join();
    for (int fd : openFds_) ::close(fd);
    ::close(listenFd_);
    if (tls_) SSL_CTX_free(tls_);
}

std::string GitHttpServer::url(const std::string& repo) const {
    // TLS uses a host name: libgit2 1.5 rejects certificates whose SAN is an IP address.
    return tls_ ? "https://localhost:" + std::to_string(port_) + "/" + repo
                : "http://127.0.0.1:" + std::to_string(port_) + "/" + repo;
}

void GitHttpServer::acceptLoop() {
    while (!stop_) {
        pollfd p{listenFd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        std::lock_guard lock(mutex_);
        openFds_.push_back(fd);
        workers_.emplace_back([this, fd] { serve(fd); });
    }
}

void GitHttpServer::hang() {
    while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

void GitHttpServer::serve(int socket) {
    Conn fd{socket, nullptr};
    if (tls_) {
        fd.ssl = SSL_new(tls_);
        SSL_set_fd(fd.ssl, socket);
        if (SSL_accept(fd.ssl) != 1) {
            SSL_free(fd.ssl);
            return;
        }
    }
    handle(fd);
    if (fd.ssl) {
        SSL_shutdown(fd.ssl);
        SSL_free(fd.ssl);
    }
    ::shutdown(socket, SHUT_WR);
    // Closing is left to the destructor's shutdown so no descriptor number is reused while listed.
}

void GitHttpServer::handle(Conn& fd) {
    auto req = readRequest(fd);
    if (req) {
        ++requests_;
        if (opts_.stallBeforeResponse) return hang();
        if (!opts_.token.empty()) {
            auto expected = "Basic " + crypto::base64UrlEncode(opts_.user + ":" + opts_.token);
            auto got = req->headers["authorization"];
            std::replace(got.begin(), got.end(), '+', '-');
            std::replace(got.begin(), got.end(), '/', '_');
            got.erase(std::remove(got.begin(), got.end(), '='), got.end());
            if (got != expected) {
                sendAll(fd, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\n"
                            "Content-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
        }
        auto bodyFile = opts_.projectRoot.parent_path() /
                        ("http-body-" + std::to_string(port_) + "-" + std::to_string(++bodySeq_));
        std::ofstream(bodyFile, std::ios::binary) << req->body;
        SpawnOptions so;
        so.stdinFile = bodyFile;
        so.mergeStderr = false;
        so.env = {{"GIT_PROJECT_ROOT", opts_.projectRoot.string()},
                  {"GIT_HTTP_EXPORT_ALL", "1"},
                  {"REQUEST_METHOD", req->method},
                  {"PATH_INFO", req->path},
                  {"QUERY_STRING", req->query},
                  {"CONTENT_TYPE", req->headers["content-type"]},
                  {"CONTENT_LENGTH", std::to_string(req->body.size())},
                  {"REMOTE_ADDR", "127.0.0.1"}};
        if (req->headers.count("content-encoding")) so.env["HTTP_CONTENT_ENCODING"] = req->headers["content-encoding"];
        auto result = run({"git", "http-backend"}, so);
        std::filesystem::remove(bodyFile);
        auto response = toHttp(result.output);
        bool pack = req->method == "POST" && req->path.find("git-upload-pack") != std::string::npos;
        if (pack && opts_.stallPackAfterBytes && *opts_.stallPackAfterBytes < response.size()) {
            sendAll(fd, response.substr(0, *opts_.stallPackAfterBytes));
            ++stalledMidPack_;
            return hang();
        }
        sendAll(fd, response);
    }
}

}  // namespace rivetr::git::test
