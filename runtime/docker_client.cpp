// HTTP to a Docker-API engine (unix socket, or tcp with TLS client certs) over libcurl: the adapters' only wire.
#include "runtime/docker_client.hpp"

#include "core/percent_encoding.hpp"

#include <curl/curl.h>

#include <exception>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

namespace rivetr::runtime {
namespace {

using Json = nlohmann::json;

void globalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    HttpReply reply;
    CURL* curl = nullptr;
    const std::function<void(std::string_view)>* onData = nullptr;
    const DockerClient::Upload* upload = nullptr;
    const CancelToken* cancel = nullptr;
    std::exception_ptr failure;
};

std::size_t onWrite(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t len = size * n;
    long status = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
    if (!t->onData || status >= 400) {
        t->reply.body.append(data, len);
        return len;
    }
    try {
        (*t->onData)(std::string_view(data, len));
        return len;
    } catch (...) {
        t->failure = std::current_exception();
        return 0;  // aborts the transfer
    }
}

std::size_t onRead(char* out, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    try {
        return (*t->upload)(out, size * n);
    } catch (...) {
        t->failure = std::current_exception();
        return CURL_READFUNC_ABORT;
    }
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    return (t->cancel && t->cancel->cancelled()) ? 1 : 0;
}

std::string messageOf(const std::string& body) {
    try {
        auto j = Json::parse(body);
        if (j.is_object() && j.contains("message") && j["message"].is_string()) return j["message"].get<std::string>();
        if (j.is_object() && j.contains("cause") && j["cause"].is_string()) return j["cause"].get<std::string>();
    } catch (const Json::exception&) {
    }
    std::string m = body;
    while (!m.empty() && (m.back() == '\n' || m.back() == '\r')) m.pop_back();
    return m;
}

bool contains(const std::string& haystack, std::string_view needle) {
    auto lower = [](std::string s) {
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    return lower(haystack).find(lower(std::string(needle))) != std::string::npos;
}

using CurlPtr = std::unique_ptr<CURL, void (*)(CURL*)>;
using HeaderPtr = std::unique_ptr<curl_slist, void (*)(curl_slist*)>;

}  // namespace

RuntimeError errorFromReply(const HttpReply& reply, ObjectKind kind) {
    std::string msg = messageOf(reply.body);
    int st = static_cast<int>(reply.status);
    if (msg.empty()) msg = "HTTP " + std::to_string(st);
    if (contains(msg, "no space left on device")) return {ErrorKind::OutOfDisk, msg, st};
    if (contains(msg, "port is already allocated") || contains(msg, "address already in use"))
        return {ErrorKind::PortInUse, msg, st};
    if (st == 404) {
        bool image = kind == ObjectKind::Image || contains(msg, "no such image") || contains(msg, "image not known");
        return {image ? ErrorKind::ImageNotFound : ErrorKind::NotFound, msg, st};
    }
    if (st == 409)
        return {contains(msg, "already in use") || contains(msg, "already exists") ? ErrorKind::NameConflict
                                                                                   : ErrorKind::Conflict,
                msg, st};
    if (st == 400) return {ErrorKind::InvalidArgument, msg, st};
    return {ErrorKind::EngineError, msg, st};
}

DockerClient::DockerClient(DockerEndpoint endpoint) : endpoint_(std::move(endpoint)) { globalInit(); }

std::string DockerClient::url(const std::string& path, bool versioned) const {
    std::string base = endpoint_.tcpUrl.empty() ? "http://localhost" : endpoint_.tcpUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + (versioned && !apiVersion_.empty() ? "/v" + apiVersion_ : "") + path;
}

void DockerClient::check(const HttpReply& reply, ObjectKind kind) {
    if (reply.status >= 400 || reply.status < 200) throw errorFromReply(reply, kind);
}

namespace {

void commonOptions(CURL* c, const DockerEndpoint& ep, Transfer& t) {
    if (ep.tcpUrl.empty()) {
        curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, ep.unixSocket.c_str());
    } else {
        if (!ep.tlsCaCert.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ep.tlsCaCert.c_str());
        if (!ep.tlsClientCert.empty()) curl_easy_setopt(c, CURLOPT_SSLCERT, ep.tlsClientCert.c_str());
        if (!ep.tlsClientKey.empty()) curl_easy_setopt(c, CURLOPT_SSLKEY, ep.tlsClientKey.c_str());
    }
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(ep.connectTimeout.count()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
}

[[noreturn]] void raiseTransport(CURLcode rc, const DockerEndpoint& ep, const char* errbuf) {
    std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (rc == CURLE_ABORTED_BY_CALLBACK) throw RuntimeError(ErrorKind::Cancelled, "cancelled");
    if (rc == CURLE_OPERATION_TIMEDOUT)
        throw RuntimeError(ErrorKind::DaemonUnavailable, "engine at " + ep.describe() + " timed out: " + detail);
    throw RuntimeError(ErrorKind::DaemonUnavailable, "cannot reach engine at " + ep.describe() + ": " + detail);
}

HttpReply perform(CURL* c, Transfer& t, const DockerEndpoint& ep) {
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(c);
    if (t.failure) std::rethrow_exception(t.failure);
    if (rc != CURLE_OK) {
        // A stream the engine closed mid-transfer after answering still counts as answered.
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (rc == CURLE_PARTIAL_FILE && status > 0) {
            t.reply.status = status;
            return t.reply;
        }
        raiseTransport(rc, ep, errbuf);
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t.reply.status);
    return t.reply;
}

}  // namespace

HttpReply DockerClient::call(const std::string& method, const std::string& path, const std::optional<std::string>& json,
                             std::optional<std::chrono::milliseconds> timeout, bool versioned) const {
    CurlPtr c(curl_easy_init(), curl_easy_cleanup);
    Transfer t;
    t.curl = c.get();
    HeaderPtr headers(curl_slist_append(nullptr, "Content-Type: application/json"), curl_slist_free_all);
    std::string u = url(path, versioned);
    curl_easy_setopt(c.get(), CURLOPT_URL, u.c_str());
    curl_easy_setopt(c.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
    commonOptions(c.get(), endpoint_, t);
    curl_easy_setopt(c.get(), CURLOPT_TIMEOUT_MS, static_cast<long>((timeout ? *timeout : endpoint_.controlTimeout).count()));
    if (method == "HEAD") curl_easy_setopt(c.get(), CURLOPT_NOBODY, 1L);
    if (json) {
        curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, json->data());
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(json->size()));
    } else if (method == "POST" || method == "PUT") {
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE, 0L);
    }
    return perform(c.get(), t, endpoint_);
}

HttpReply DockerClient::stream(const std::string& method, const std::string& path, const std::optional<std::string>& json,
                               const Upload* upload, const std::string& contentType,
                               const std::function<void(std::string_view)>& onData, const CancelToken& cancel) const {
    CurlPtr c(curl_easy_init(), curl_easy_cleanup);
    Transfer t;
    t.curl = c.get();
    t.onData = &onData;
    t.upload = upload;
    t.cancel = &cancel;
    std::string ct = "Content-Type: " + contentType;
    HeaderPtr headers(curl_slist_append(nullptr, ct.c_str()), curl_slist_free_all);
    std::string u = url(path, true);
    curl_easy_setopt(c.get(), CURLOPT_URL, u.c_str());
    commonOptions(c.get(), endpoint_, t);
    if (upload) {
        // Unknown length: libcurl sends chunked and pulls from onRead, so the body is never in memory.
        headers.reset(curl_slist_append(headers.release(), "Transfer-Encoding: chunked"));
        headers.reset(curl_slist_append(headers.release(), "Expect:"));
        curl_easy_setopt(c.get(), CURLOPT_POST, 1L);
        curl_easy_setopt(c.get(), CURLOPT_READFUNCTION, onRead);
        curl_easy_setopt(c.get(), CURLOPT_READDATA, &t);
    } else if (json) {
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, json->data());
        curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(json->size()));
    }
    curl_easy_setopt(c.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, headers.get());
    if (cancel.cancelled()) throw RuntimeError(ErrorKind::Cancelled, "cancelled");
    return perform(c.get(), t, endpoint_);
}

std::string labelFilters(const LabelFilter& labels, const std::map<std::string, std::string>& extra) {
    Json f = Json::object();
    for (const auto& [k, v] : labels) f["label"].push_back(v.empty() ? k : k + "=" + v);
    for (const auto& [k, v] : extra) f[k].push_back(v);
    return percentEncode(f.dump());
}

}  // namespace rivetr::runtime
