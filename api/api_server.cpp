// The control-plane HTTP server (Pistache on api_host:api_port): owns the listener and the route table.
#include "api/api_server.hpp"

#include <pistache/endpoint.h>
#include <pistache/router.h>

#include "core/log.hpp"

namespace rivetr::api {
namespace {

void registerRoute(Pistache::Rest::Router& router, const Route& r, Pistache::Rest::Route::Handler h) {
    using namespace Pistache::Rest;
    switch (r.method) {
        case Method::Get: Routes::Get(router, r.path, std::move(h)); break;
        case Method::Post: Routes::Post(router, r.path, std::move(h)); break;
        case Method::Put: Routes::Put(router, r.path, std::move(h)); break;
        case Method::Delete: Routes::Delete(router, r.path, std::move(h)); break;
    }
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

ApiServer::ApiServer(ApiOptions options, std::vector<Route> routes, Authenticator* auth)
    : options_(std::move(options)), routes_(std::move(routes)), auth_(auth) {}

ApiServer::~ApiServer() {
    if (hub_) hub_->stop();
    if (endpoint_) endpoint_->shutdown();
    pool_.reset();
}

void ApiServer::start() {
    Pistache::Address addr(options_.host, Pistache::Port(static_cast<std::uint16_t>(options_.port)));
    endpoint_ = std::make_unique<Pistache::Http::Endpoint>(addr);
    auto opts = Pistache::Http::Endpoint::options()
                    .threads(options_.threads)
                    .maxRequestSize(options_.maxRequestBytes)
                    .flags(Pistache::Tcp::Options::ReuseAddr);
    endpoint_->init(opts);
    pool_ = std::make_unique<WorkerPool>(options_.workerThreads);
    Pistache::Rest::Router router;
    hub_ = std::make_unique<SseHub>();
    for (const auto& r : routes_) {
        registerRoute(router, r, withMiddleware(r, gate_, *pool_, auth_, {hub_.get(), observer_}));
    }
    router.addNotFoundHandler([](const Pistache::Rest::Request&, Pistache::Http::ResponseWriter res) {
        res.headers().add<Pistache::Http::Header::ContentType>(MIME(Application, Json));
        res.send(Pistache::Http::Code::Not_Found, Reply::error(404, "not_found", "no such route").body);
        return Pistache::Rest::Route::Result::Ok;
    });
    if (fallback_) router.addNotFoundHandler(withMiddleware(*fallback_, gate_, *pool_, auth_));
    endpoint_->setHandler(router.handler());
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
    endpoint_.reset();
    pool_.reset();
    log::info("api.stopped");
}

}  // namespace rivetr::api
