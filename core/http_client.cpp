// The program's one libcurl wrapper: global init done once, an RAII easy handle, and every option our clients use.
#include "core/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <mutex>
#include <stdexcept>

namespace rivetr::http {

void globalInit() {
    static std::once_flag once;
    // A throw leaves the flag unset, so a later call tries again.
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl: global init failed");
    });
}

struct Client::Handle {
    CURL* curl = nullptr;
    ~Handle() {
        if (curl) curl_easy_cleanup(curl);
    }
};

Client::Client() : handle_(std::make_unique<Handle>()) {
    globalInit();
    handle_->curl = curl_easy_init();
    if (!handle_->curl) throw std::runtime_error("cannot initialise libcurl");
}

Client::~Client() = default;

namespace {

using SlistPtr = std::unique_ptr<curl_slist, void (*)(curl_slist*)>;

// What the callbacks share during one perform().
struct Transfer {
    const Request& req;
    Response& res;
    CURL* curl;
    std::exception_ptr failure;  // thrown by a request callback: rethrown after the transfer
    bool stopped = false;        // req.cancelled() said stop
};

bool stopRequested(Transfer& t) {
    if (t.req.cancelled && t.req.cancelled()) t.stopped = true;
    return t.stopped;
}

std::size_t onWrite(char* data, std::size_t size, std::size_t n, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    std::size_t len = size * n;
    try {
        if (stopRequested(t)) return 0;  // a short count aborts the transfer
        long status = 0;
        curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
        if (!t.req.onData || status >= 400) {
            t.res.body.append(data, len);
        } else {
            t.req.onData(std::string_view(data, len));
        }
        return len;
    } catch (...) {
        t.failure = std::current_exception();
        return 0;
    }
}

std::string trimmed(std::string s) {
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
    s.erase(std::find_if_not(s.rbegin(), s.rend(), space).base(), s.end());
    return s;
}

// The request's onHeaders; an exception from it aborts the transfer and is rethrown by perform().
bool callHeadersDone(Transfer& t, long status) {
    try {
        t.req.onHeaders(status);
        return true;
    } catch (...) {
        t.failure = std::current_exception();
        return false;
    }
}

std::size_t onHeader(char* data, std::size_t size, std::size_t n, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    std::string_view line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) t.res.headers.clear();  // a new status line: the final reply's headers follow
    if ((line == "\r\n" || line == "\n") && t.req.onHeaders) {
        long status = 0;
        curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 200) return callHeadersDone(t, status) ? size * n : 0;  // 1xx: the final reply is still to come
    }
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        t.res.headers[name] = trimmed(std::string(line.substr(colon + 1)));
    }
    return size * n;
}

std::size_t onRead(char* out, std::size_t size, std::size_t n, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    try {
        return t.req.upload(out, size * n);
    } catch (...) {
        t.failure = std::current_exception();
        return CURL_READFUNC_ABORT;
    }
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto& t = *static_cast<Transfer*>(user);
    try {
        return stopRequested(t) ? 1 : 0;
    } catch (...) {
        t.failure = std::current_exception();
        return 1;
    }
}

// Method and body. POSTFIELDS points into the request, which outlives the transfer.
void setMethodAndBody(CURL* c, const Request& req, Transfer& t) {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    if (req.method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (req.upload) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, onRead);
        curl_easy_setopt(c, CURLOPT_READDATA, &t);
        if (req.uploadLength) curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(*req.uploadLength));
    } else if (req.body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body->data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body->size()));
    } else if (req.method == "POST" || req.method == "PUT") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(0));
    }
}

SlistPtr headerList(const Request& req) {
    SlistPtr list(nullptr, curl_slist_free_all);
    auto add = [&](const std::string& h) { list.reset(curl_slist_append(list.release(), h.c_str())); };
    for (const auto& h : req.headers) add(h);
    if (req.upload) {
        // Unknown length: chunked. No "Expect: 100-continue" wait for a server that never answers it.
        if (!req.uploadLength) add("Transfer-Encoding: chunked");
        add("Expect:");
    }
    return list;
}

// libcurl copies the bytes (CURL_BLOB_COPY), so the request may go away before the transfer ends.
void setPemBlob(CURL* c, CURLoption option, const std::string& pem) {
    if (pem.empty()) return;
    curl_blob blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(c, option, &blob);
}

void setConnection(CURL* c, const Request& req) {
    curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are multi-threaded
    if (req.timeout.count() > 0) curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(req.timeout.count()));
    if (req.connectTimeout.count() > 0)
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(req.connectTimeout.count()));
    if (!req.unixSocket.empty()) curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, req.unixSocket.c_str());
    if (!req.sourceAddress.empty()) curl_easy_setopt(c, CURLOPT_INTERFACE, req.sourceAddress.c_str());
    if (req.ignoreProxyEnv) curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (req.acceptEncoding) curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, req.acceptEncoding->c_str());
    if (!req.caFile.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, req.caFile.c_str());
    if (!req.clientCert.empty()) curl_easy_setopt(c, CURLOPT_SSLCERT, req.clientCert.c_str());
    if (!req.clientKey.empty()) curl_easy_setopt(c, CURLOPT_SSLKEY, req.clientKey.c_str());
    setPemBlob(c, CURLOPT_CAINFO_BLOB, req.caPem);
    setPemBlob(c, CURLOPT_SSLCERT_BLOB, req.clientCertPem);
    setPemBlob(c, CURLOPT_SSLKEY_BLOB, req.clientKeyPem);
}

void setCallbacks(CURL* c, const Request& req, Transfer& t) {
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    if (req.cancelled) {
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    }
}

Failure failureOf(CURLcode rc, bool stopped) {
    switch (rc) {
        case CURLE_OK: return Failure::None;
        case CURLE_ABORTED_BY_CALLBACK: return Failure::Cancelled;
        case CURLE_OPERATION_TIMEDOUT: return Failure::TimedOut;
        case CURLE_COULDNT_CONNECT: return Failure::CouldNotConnect;
        case CURLE_COULDNT_RESOLVE_HOST: return Failure::CouldNotResolve;
        case CURLE_PARTIAL_FILE: return Failure::PartialBody;
        default: return stopped ? Failure::Cancelled : Failure::Other;
    }
}

}  // namespace

Response Client::perform(const Request& req) {
    CURL* c = handle_->curl;
    curl_easy_reset(c);  // options go; the connection cache stays (keep-alive across requests)
    Response res;
    Transfer t{req, res, c, nullptr, false};
    SlistPtr headers = headerList(req);
    char errbuf[CURL_ERROR_SIZE] = {0};
    setConnection(c, req);
    setMethodAndBody(c, req, t);
    setCallbacks(c, req, t);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);  // errbuf dies with this frame
    if (t.failure) std::rethrow_exception(t.failure);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res.status);
    res.failure = failureOf(rc, t.stopped);
    if (rc != CURLE_OK) {
        res.error = curl_easy_strerror(rc);
        res.detail = errbuf[0] ? errbuf : res.error;
    }
    return res;
}

Response perform(const Request& req) {
    Client client;
    return client.perform(req);
}

}  // namespace rivetr::http
