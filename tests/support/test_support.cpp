// Helpers shared by every test: temporary directories, free ports, a small HTTP client, the Docker requirement.
#include "tests/support/test_support.hpp"

#include "core/http_client.hpp"
#include "core/text.hpp"

#include <zlib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace rivetr::test {
namespace fs = std::filesystem;

TempDir::TempDir(const std::string& prefix) {
    std::string tmpl = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void writeFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

void writeFiles(const fs::path& dir, const std::map<std::string, std::string>& files) {
    for (const auto& [path, content] : files) writeFile(dir / path, content);
}

std::string readFile(const fs::path& path) { return readWholeFile(path).value_or(""); }

long rssKb(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

long peakRssGrowthKb(int pid, const std::function<void()>& work, std::chrono::milliseconds every) {
    const long before = rssKb(pid);
    std::atomic<long> peak{before};
    std::atomic<bool> done{false};
    std::thread sampler([&] {
        while (!done) {
            peak = std::max(peak.load(), rssKb(pid));
            std::this_thread::sleep_for(every);
        }
    });
    try {
        work();
    } catch (...) {
        done = true;
        sampler.join();
        throw;
    }
    done = true;
    sampler.join();
    return peak - before;
}

int freePort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("bind failed");
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

HttpResponse http(const HttpRequest& req) {
    http::Request q;
    q.method = req.method;
    q.url = req.url;
    q.headers = req.headers;
    if (!req.body.empty()) q.body = req.body;
    q.unixSocket = req.unixSocket;
    q.sourceAddress = req.sourceAddress;
    q.timeout = req.timeout;
    q.ignoreProxyEnv = true;
    auto res = http::perform(q);
    HttpResponse r;
    // A stream (SSE) never ends: a timeout after its headers still reports their status.
    bool answered = res.ok() || res.failure == http::Failure::TimedOut;
    r.status = answered ? res.status : 0;
    r.body = std::move(res.body);
    r.headers = std::move(res.headers);
    r.error = res.error;
    return r;
}

HttpResponse httpGet(const std::string& url, std::vector<std::string> headers) {
    HttpRequest req;
    req.url = url;
    req.headers = std::move(headers);
    return http(req);
}

bool waitForHttp(const std::string& url, long status, std::chrono::milliseconds deadline) {
    auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        HttpRequest req;
        req.url = url;
        req.timeout = std::chrono::milliseconds(1000);
        if (http(req).status == status) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::string dockerSocket() {
    const char* host = std::getenv("DOCKER_HOST");
    if (host && std::string_view(host).rfind("unix://", 0) == 0) return std::string(host + 7);
    return "/var/run/docker.sock";
}

bool dockerAvailable() {
    HttpRequest req;
    req.url = "http://docker/_ping";
    req.unixSocket = dockerSocket();
    req.timeout = std::chrono::milliseconds(3000);
    auto r = http(req);
    return r.status == 200 && r.body == "OK";
}

fs::path rivetrBinary() {
    const char* p = std::getenv("RIVETR_BINARY");
    return p ? fs::path(p) : fs::path(RIVETR_BINARY_DEFAULT);
}

fs::path sourceDir() {
    const char* p = std::getenv("RIVETR_SOURCE_DIR");
    return p ? fs::path(p) : fs::path(RIVETR_SOURCE_DIR_DEFAULT);
}

}  // namespace rivetr::test

namespace rivetr::test {

std::string gunzip(const std::string& gz) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) throw std::runtime_error("gunzip: inflateInit2 failed");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
    z.avail_in = static_cast<uInt>(gz.size());
    std::string out;
    char buf[64 * 1024];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("gunzip: not a complete gzip member");
    return out;
}

}  // namespace rivetr::test
