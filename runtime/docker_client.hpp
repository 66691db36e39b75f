// HTTP to a Docker-API engine (unix socket, or tcp with TLS client certs) over libcurl: the adapters' only wire.
#pragma once

#include "core/percent_encoding.hpp"  // every query value the adapter builds is percentEncode()d

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/cancel_token.hpp"
#include "runtime/runtime_error.hpp"
#include "runtime/runtime_types.hpp"

namespace rivetr::runtime {

struct DockerEndpoint {
    std::string unixSocket;  // used when tcpUrl is empty
    std::string tcpUrl;      // "https://host:2376"
    std::string tlsCaCert, tlsClientCert, tlsClientKey;
    std::string tlsCaPem, tlsClientCertPem, tlsClientKeyPem;  // in memory instead of files (remote hosts)
    std::chrono::milliseconds connectTimeout{3000};
    std::chrono::milliseconds controlTimeout{30000};
    std::string describe() const { return tcpUrl.empty() ? "unix://" + unixSocket : tcpUrl; }
};

struct HttpReply {
    long status = 0;
    std::string body;  // for streams: only the body of an error reply
};

// Which kind of object a call is about, so a 404 can become ImageNotFound or NotFound.
enum class ObjectKind { Other, Image, Container };

// Thread-safe: each call uses its own curl handle.
class DockerClient {
public:
    explicit DockerClient(DockerEndpoint endpoint);

    // "1.41": later paths are sent as /v1.41/...
    void setApiVersion(std::string version) { apiVersion_ = std::move(version); }
    const std::string& apiVersion() const { return apiVersion_; }
    const DockerEndpoint& endpoint() const { return endpoint_; }

    // A control call with the short timeout. Transport failures throw (DaemonUnavailable); HTTP errors
    // are returned for the caller to judge (see check()).
    HttpReply call(const std::string& method, const std::string& path, const std::optional<std::string>& json = {},
                   std::optional<std::chrono::milliseconds> timeout = {}, bool versioned = true) const;

    // A streamed call with no overall timeout. Body bytes of a successful reply go to onData as they
    // arrive; `upload`, when given, supplies a request body of unknown length (sent chunked).
    // `cancel` aborts within about a second (throws Cancelled). Exceptions thrown by onData/upload
    // abort the transfer and are rethrown. `headers` ("Name: value") are added to the request; they
    // may carry credentials (X-Registry-Auth) and are never logged. `onHeaders` sees the reply's status
    // as soon as its headers arrived (http::Request::onHeaders).
    using Upload = std::function<std::size_t(char* out, std::size_t max)>;
    HttpReply stream(const std::string& method, const std::string& path, const std::optional<std::string>& json,
                     const Upload* upload, const std::string& contentType,
                     const std::function<void(std::string_view)>& onData, const CancelToken& cancel,
                     const std::vector<std::string>& headers = {},
                     const std::function<void(long status)>& onHeaders = {}) const;

    // Throws the typed error for a reply with status >= 400 (or outside `okStatuses`).
    static void check(const HttpReply& reply, ObjectKind kind = ObjectKind::Other);

private:
    std::string url(const std::string& path, bool versioned) const;
    DockerEndpoint endpoint_;
    std::string apiVersion_;
};

// The typed error for an engine reply: kind from status and the engine's message.
RuntimeError errorFromReply(const HttpReply& reply, ObjectKind kind = ObjectKind::Other);
// `filters` query value for a label filter (+ optional extra filters), URL-encoded JSON.
std::string labelFilters(const LabelFilter& labels,
                         const std::map<std::string, std::string>& extra = {});

}  // namespace rivetr::runtime
