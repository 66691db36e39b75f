// HTTP to a Docker-API engine (unix socket, or tcp with TLS client certs) over libcurl: the adapters' only wire.
#include "runtime/docker_client.hpp"

#include "core/http_client.hpp"
#include "core/percent_encoding.hpp"

#include <nlohmann/json.hpp>

namespace rivetr::runtime {
namespace {

using Json = nlohmann::json;

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

DockerClient::DockerClient(DockerEndpoint endpoint) : endpoint_(std::move(endpoint)) {}

std::string DockerClient::url(const std::string& path, bool versioned) const {
    std::string base = endpoint_.tcpUrl.empty() ? "http://localhost" : endpoint_.tcpUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + (versioned && !apiVersion_.empty() ? "/v" + apiVersion_ : "") + path;
}

void DockerClient::check(const HttpReply& reply, ObjectKind kind) {
    if (reply.status >= 400 || reply.status < 200) throw errorFromReply(reply, kind);
}

namespace {

http::Request baseRequest(const DockerEndpoint& ep, const std::string& method, std::string url) {
    http::Request req;
    req.method = method;
    req.url = std::move(url);
    if (ep.tcpUrl.empty()) {
        req.unixSocket = ep.unixSocket;
    } else {
        req.caFile = ep.tlsCaCert;
        req.clientCert = ep.tlsClientCert;
        req.clientKey = ep.tlsClientKey;
        req.caPem = ep.tlsCaPem;
        req.clientCertPem = ep.tlsClientCertPem;
        req.clientKeyPem = ep.tlsClientKeyPem;
    }
    req.ignoreProxyEnv = true;
    req.connectTimeout = ep.connectTimeout;
    return req;
}

HttpReply replyOf(const http::Response& r, const DockerEndpoint& ep) {
    switch (r.failure) {
        case http::Failure::None: return {r.status, r.body};
        // A stream the engine closed mid-transfer after answering still counts as answered.
        case http::Failure::PartialBody:
            if (r.status > 0) return {r.status, r.body};
            break;
        case http::Failure::Cancelled: throw RuntimeError(ErrorKind::Cancelled, "cancelled");
        case http::Failure::TimedOut:
            throw RuntimeError(ErrorKind::DaemonUnavailable, "engine at " + ep.describe() + " timed out: " + r.detail);
        default: break;
    }
    throw RuntimeError(ErrorKind::DaemonUnavailable, "cannot reach engine at " + ep.describe() + ": " + r.detail);
}

}  // namespace

HttpReply DockerClient::call(const std::string& method, const std::string& path, const std::optional<std::string>& json,
                             std::optional<std::chrono::milliseconds> timeout, bool versioned) const {
    auto req = baseRequest(endpoint_, method, url(path, versioned));
    req.timeout = timeout ? *timeout : endpoint_.controlTimeout;
    if (json) {
        req.headers.push_back("Content-Type: application/json");
        req.body = *json;
    }
    return replyOf(http::perform(req), endpoint_);
}

HttpReply DockerClient::stream(const std::string& method, const std::string& path, const std::optional<std::string>& json,
                               const Upload* upload, const std::string& contentType,
                               const std::function<void(std::string_view)>& onData, const CancelToken& cancel,
                               const std::vector<std::string>& headers,
                               const std::function<void(long status)>& onHeaders) const {
    auto req = baseRequest(endpoint_, method, url(path, true));
    req.headers.push_back("Content-Type: " + contentType);
    req.headers.insert(req.headers.end(), headers.begin(), headers.end());
    if (upload) {
        req.upload = *upload;  // unknown length: sent chunked, pulled as it goes, never in memory
    } else if (json) {
        req.body = *json;
    }
    req.onData = onData;
    req.onHeaders = onHeaders;
    req.cancelled = [&cancel] { return cancel.cancelled(); };
    if (cancel.cancelled()) throw RuntimeError(ErrorKind::Cancelled, "cancelled");
    return replyOf(http::perform(req), endpoint_);
}

std::string labelFilters(const LabelFilter& labels, const std::map<std::string, std::string>& extra) {
    Json f = Json::object();
    for (const auto& [k, v] : labels) f["label"].push_back(v.empty() ? k : k + "=" + v);
    for (const auto& [k, v] : extra) f[k].push_back(v);
    return percentEncode(f.dump());
}

}  // namespace rivetr::runtime
