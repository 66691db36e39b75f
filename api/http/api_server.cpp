// The control-plane HTTP server (Pistache on api_host:api_port): owns the listener and the route table.
#include "api/http/api_server.hpp"

#include <pistache/endpoint.h>
#include <pistache/router.h>

#include "api/http/guarded_handler.hpp"
#include "api/http/method_not_allowed.hpp"
#include "core/log.hpp"

namespace rivetr::api {
namespace {

Pistache::Http::Method toPistache(Method m) {
    switch (m) {
        case Method::Get: return Pistache::Http::Method::Get;
        case Method::Post: return Pistache::Http::Method::Post;
        case Method::Put: return Pistache::Http::Method::Put;
        case Method::Delete: return Pistache::Http::Method::Delete;
    }
    return Pistache::Http::Method::Get;
}

}  // namespace

const char* methodName(Method m) {
    switch (m) {
        case Method::Get: return "GET";
        case Method::Post: return "POST";
        case Method::Put: return "PUT";
        case Method::Delete: return "DELETE";
    }
    return "?";
}

ApiServer::ApiServer(ApiOptions options, std::vector<Route> routes, AccessCheck* auth)
    : options_(std::move(options)), routes_(std::move(routes)), auth_(auth) {}

ApiServer::~ApiServer() {
    if (hub_) hub_->stop();
    if (endpoint_) endpoint_->shutdown();
    pool_.reset();
}

void ApiServer::start() {
    Pistache::Address addr(options_.host, Pistache::Port(static_cast<std::uint16_t>(options_.port)));
    endpoint_ = std::make_unique<Pistache::Http::Endpoint>(addr);
    // Pistache's own limit is a backstop the guard never lets a request reach: its 413 is plain text.
    auto backstop = options_.maxHeadBytes + options_.bodyLimits.largest() + 64 * 1024;
    auto opts = Pistache::Http::Endpoint::options()
                    .threads(options_.threads)
                    .maxRequestSize(backstop)
                    .headerTimeout(options_.headerTimeout)
                    .bodyTimeout(options_.bodyTimeout)
                    .keepaliveTimeout(options_.keepaliveTimeout)
                    .flags(Pistache::Tcp::Options::ReuseAddr);
    endpoint_->init(opts);
    pool_ = std::make_unique<WorkerPool>(options_.workerThreads);
    auto router = std::make_shared<Pistache::Rest::Router>();
    hub_ = std::make_unique<SseHub>();
    auto notAllowed = std::make_shared<MethodNotAllowed>();
    for (const auto& r : routes_) {
        router->addRoute(toPistache(r.method), r.path, withMiddleware(r, gate_, *pool_, auth_, {hub_.get(), observer_}));
        notAllowed->add(toPistache(r.method), r.path);
    }
    router->addCustomHandler([notAllowed](const Pistache::Rest::Request& req, Pistache::Http::ResponseWriter res) {
        return (*notAllowed)(req, std::move(res));
    });
    router->addNotFoundHandler([](const Pistache::Rest::Request& req, Pistache::Http::ResponseWriter res) {
        sendReply(res, Reply::error(404, "not_found", "no such route"), requestIdFor(req));
        return Pistache::Rest::Route::Result::Ok;
    });
    if (fallback_) router->addNotFoundHandler(withMiddleware(*fallback_, gate_, *pool_, auth_));
    endpoint_->setHandler(std::make_shared<GuardedHandler>(router, options_.bodyLimits, options_.maxHeadBytes));
    endpoint_->serveThreaded();
    log::info("api.listening", {{"address", options_.host + ":" + std::to_string(port())}});
}

int ApiServer::port() const { return endpoint_ ? static_cast<int>(static_cast<std::uint16_t>(endpoint_->getPort())) : 0; }

void ApiServer::stop(std::chrono::milliseconds grace) {
    if (!endpoint_) return;
    gate_.beginDrain();
    hub_->stop();  // open streams end now: they would otherwise hold clients past the drain
    if (!gate_.waitIdle(grace)) log::warn("api.drain_timeout", {{"grace_ms", std::to_string(grace.count())}});
    endpoint_->shutdown();
    pool_.reset();  // handlers still running post their answers to the reactors: those must still exist
    endpoint_.reset();
    log::info("api.stopped");
}

}  // namespace rivetr::api
