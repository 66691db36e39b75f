// Helpers shared by every test: temporary directories, free ports, a small HTTP client, the Docker requirement.
#include "tests/support/test_support.hpp"

#include <zlib.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
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

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
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

namespace {

std::size_t onBody(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t n, void* user) {
    std::string line(data, size * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
        (*static_cast<std::map<std::string, std::string>*>(user))[name] = value;
    }
    return size * n;
}

}  // namespace

HttpResponse http(const HttpRequest& req) {
    HttpResponse r;
    CURL* c = curl_easy_init();
    curl_slist* headers = nullptr;
    for (const auto& h : req.headers) headers = curl_slist_append(headers, h.c_str());
    curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    if (!req.body.empty() || req.method == "POST" || req.method == "PUT") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.body.size()));
    }
    if (req.method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (!req.unixSocket.empty()) curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, req.unixSocket.c_str());
    if (!req.sourceAddress.empty()) curl_easy_setopt(c, CURLOPT_INTERFACE, req.sourceAddress.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(req.timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    CURLcode rc = curl_easy_perform(c);
    // A stream (SSE) never ends: a timeout after its headers still reports their status.
    if (rc == CURLE_OK || rc == CURLE_OPERATION_TIMEDOUT) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    if (rc != CURLE_OK) r.error = curl_easy_strerror(rc);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
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
