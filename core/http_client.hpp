// The program's one libcurl wrapper: global init done once, an RAII easy handle, and every option our clients use.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/non_copyable.hpp"


namespace rivetr::http {

// curl_global_init, exactly once and thread-safe. Every Client calls it before creating its easy
// handle; libcurl requires it before any other call and it is not thread-safe on its own.
void globalInit();

struct Request {
    std::string method = "GET";
    std::string url;                   // for a unix socket the host part is only the Host header
    std::vector<std::string> headers;  // "Name: value"; "Name:" removes a header libcurl would add
    // Sent as the request body. POST and PUT without one send an empty body.
    std::optional<std::string> body;
    // A request body of unknown length, pulled as libcurl sends it (chunked; never held in memory).
    // Returns the bytes written into `out`, 0 at the end. An exception aborts the transfer.
    std::function<std::size_t(char* out, std::size_t max)> upload;
    // The upload's exact length when known (a file): sent as Content-Length instead of chunked, for
    // servers that need the size up front (a volume restore).
    std::optional<std::uint64_t> uploadLength;

    std::chrono::milliseconds timeout{0};         // the whole transfer; 0: none
    std::chrono::milliseconds connectTimeout{0};  // 0: libcurl's default
    std::string unixSocket;                       // talk HTTP over this socket instead of TCP
    std::string sourceAddress;                    // local address to send from ("127.0.0.2")
    bool ignoreProxyEnv = false;  // true: never use http_proxy & co (local sockets, containers)
    std::optional<std::string> acceptEncoding;  // "" = every coding libcurl decodes

    // TLS: an extra CA file to trust, and a client certificate with its key (remote Docker).
    std::string caFile, clientCert, clientKey;
    // The same as PEM text held in memory, so a key stored sealed is never written out in clear.
    std::string caPem, clientCertPem, clientKeyPem;

    // Streaming: body bytes of a reply with status < 400 go here as they arrive instead of into
    // Response::body (an error reply's body is always collected). An exception aborts the transfer
    // and is rethrown by perform().
    std::function<void(std::string_view)> onData;
    // Called once the headers of the final reply (status >= 200) have all arrived, before its body:
    // for a stream whose body may stay empty for long, the moment the server accepted it.
    std::function<void(long status)> onHeaders;
    // Polled before each received chunk and at least once a second: true stops the transfer
    // (Failure::Cancelled).
    std::function<bool()> cancelled;
};

enum class Failure { None, Cancelled, TimedOut, CouldNotConnect, CouldNotResolve, PartialBody, Other };

struct Response {
    long status = 0;  // the last status line received; 0: none
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names; the last value of a repeated name
    Failure failure = Failure::None;
    std::string error;   // libcurl's short text for the failure ("Timeout was reached"); empty on success
    std::string detail;  // libcurl's detailed message when it has one, else `error`
    bool ok() const { return failure == Failure::None; }
};

// One easy handle, reused by every perform() (so sequential requests share a keep-alive
// connection). Not thread-safe: one Client per thread.
class Client : NonCopyable {
public:
    Client();
    ~Client();

    // Transport failures are reported in Response::failure, never thrown; only exceptions from the
    // request's own callbacks propagate.
    Response perform(const Request& req);

private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
};

// One request on a fresh handle.
Response perform(const Request& req);

}  // namespace rivetr::http
