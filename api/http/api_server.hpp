// The control-plane HTTP server (Pistache on api_host:api_port): owns the listener and the route table.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/http/middleware.hpp"
#include "api/http/request_head_guard.hpp"
#include "api/http/route.hpp"
#include "api/http/sse_hub.hpp"
#include "core/non_copyable.hpp"

namespace Pistache::Http {
class Endpoint;
}

namespace rivetr::api {

struct ApiOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    int threads = 1;         // Pistache reactor threads: they only parse and write
    int workerThreads = 4;   // handlers run here, so a slow one never stalls the reactor
    // Bodies over their route's limit get a JSON 413 from the headers, before they are read. Webhook
    // senders stay under 1 MiB (GitHub caps push payloads at 25 MB but sends far less for a push).
    // A volume restore's archive (any size) streams to its route instead (api/http/streamed_body.hpp).
    BodyLimits bodyLimits{4 * 1024 * 1024, {{"/webhooks/", 1024 * 1024}}, {"/api/volumes/:name/restore"}};
    std::size_t maxHeadBytes = 64 * 1024;  // request line and headers; beyond: 431
    // A request's head must arrive within headerTimeout and all of it within bodyTimeout, counted from
    // its first byte (Pistache checks every 500 ms, then answers 408 and closes the connection).
    std::chrono::milliseconds headerTimeout{10000};
    std::chrono::milliseconds bodyTimeout{30000};
    // A connection with no request under way is closed after this long (Pistache's own default).
    std::chrono::milliseconds keepaliveTimeout{300000};
};

class ApiServer : NonCopyable {
public:
    // `auth` authenticates routes that need a role; it must outlive the server.
    ApiServer(ApiOptions options, std::vector<Route> routes, AccessCheck* auth = nullptr);
    ~ApiServer();

    // The route run for requests no other route matched (the dashboard's single-page-app
    // fallback); without one they get the JSON 404. Set before start().
    void setFallback(Route route) { fallback_ = std::move(route); }
    // Sees every answered request (the /metrics registry). Set before start(); must outlive the server.
    void observeRequests(RequestObserver* observer) { observer_ = observer; }
    std::size_t openStreams() const { return hub_ ? hub_->openStreams() : 0; }
    // Binds and serves on background threads; throws when the address cannot be bound.
    void start();
    int port() const;
    // Graceful stop: new requests get 503, in-flight ones finish (up to `grace`), then the
    // listener closes. Pistache's own shutdown() would drop in-flight requests.
    void stop(std::chrono::milliseconds grace);

private:
    ApiOptions options_;
    std::vector<Route> routes_;
    std::optional<Route> fallback_;
    AccessCheck* auth_;
    RequestGate gate_;
    std::unique_ptr<WorkerPool> pool_;
    RequestObserver* observer_ = nullptr;
    std::unique_ptr<SseHub> hub_;  // open SSE streams; stopped before the listener closes
    std::unique_ptr<Pistache::Http::Endpoint> endpoint_;
};

}  // namespace rivetr::api
