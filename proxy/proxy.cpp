// Proxy: owns the workers (one io_context + thread + SO_REUSEPORT acceptor each) and the single route writer.
#include "proxy/proxy.hpp"

#include <set>
#include <stdexcept>

#include "core/log.hpp"
#include "proxy/health_checker.hpp"
#include "proxy/worker.hpp"

namespace rivetr::proxy {

struct ControlLoop {
    asio::io_context ioc{1};
    asio::executor_work_guard<asio::io_context::executor_type> guard{ioc.get_executor()};
    std::thread thread{[this] { ioc.run(); }};
    ~ControlLoop() {
        guard.reset();
        ioc.stop();
        if (thread.joinable()) thread.join();
    }
};

namespace {

TcpAcceptor bindAcceptor(asio::io_context& ioc, const std::string& host, std::uint16_t port) {
    tcp::endpoint ep(asio::ip::make_address(host), port);
    TcpAcceptor acc(ioc);
    acc.open(ep.protocol());
    acc.set_option(asio::socket_base::reuse_address(true));
    // Every worker binds the same port; the kernel spreads connections across them.
    int one = 1;
    ::setsockopt(acc.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    acc.bind(ep);
    acc.listen(asio::socket_base::max_listen_connections);
    return acc;
}

Task<void> acceptLoop(Worker& w, TcpAcceptor& acc, bool tls) {
    for (;;) {
        beast::error_code ec;
        TcpSocket s = co_await acc.async_accept(redirect(ec));
        if (ec == asio::error::operation_aborted || !acc.is_open()) co_return;
        if (ec) {
            // EMFILE and friends: back off briefly instead of spinning.
            Timer t(w.ioc, std::chrono::milliseconds(50));
            co_await t.async_wait(redirect(ec));
            continue;
        }
        startSession(w, std::move(s), tls);
    }
}

Task<void> drainWatch(std::vector<std::shared_ptr<Target>> targets, std::chrono::milliseconds timeout,
                           std::shared_ptr<std::promise<void>> done) {
    Timer t(co_await asio::this_coro::executor);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        bool all = true;
        for (auto& target : targets) all = all && target->state() == TargetState::gone;
        if (all) break;
        if (std::chrono::steady_clock::now() >= deadline) {
            for (auto& target : targets) {
                if (target->state() != TargetState::gone) {
                    log::warn("proxy_drain_timeout", {{"target", target->key()}, {"in_flight", std::to_string(target->inFlight())}});
                    target->forceDrained();
                }
            }
            break;
        }
        t.expires_after(std::chrono::milliseconds(20));
        beast::error_code ec;
        co_await t.async_wait(redirect(ec));
    }
    done->set_value();
}

}  // namespace

Proxy::Proxy(ProxyOptions options)
    : shared_(std::make_unique<ProxyShared>(std::move(options))), control_(std::make_unique<ControlLoop>()) {}

namespace {
std::set<std::string> domainsOf(const DesiredRoutes& d) {
    std::set<std::string> out;
    for (const auto& [id, app] : d.apps) out.insert(app.domains.begin(), app.domains.end());
    for (const auto& [domain, ext] : d.externals) out.insert(ext.domain);
    return out;
}
}  // namespace

Proxy::~Proxy() {
    if (acme_) acme_->stop();
    stop();
    control_.reset();
}

void Proxy::start() {
    if (started_) return;
    const auto& o = shared_->opts;
    unsigned n = o.workers ? o.workers : std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < n; ++i) workers_.push_back(std::make_unique<Worker>(*shared_, i));
    try {
        for (auto& w : workers_) {
            w->http.emplace(bindAcceptor(w->ioc, o.host, httpPort_ ? httpPort_ : o.httpPort));
            httpPort_ = w->http->local_endpoint().port();
            if (o.httpsEnabled) {
                w->https.emplace(bindAcceptor(w->ioc, o.host, httpsPort_ ? httpsPort_ : o.httpsPort));
                httpsPort_ = w->https->local_endpoint().port();
            }
        }
    } catch (const std::exception& e) {
        workers_.clear();
        throw std::runtime_error("proxy cannot listen on " + o.host + ": " + e.what());
    }
    shared_->httpsPortForRedirect = httpsPort_ ? httpsPort_ : 443;
    for (auto& w : workers_) {
        asio::co_spawn(w->ioc, acceptLoop(*w, *w->http, false), asio::detached);
        if (w->https) asio::co_spawn(w->ioc, acceptLoop(*w, *w->https, true), asio::detached);
        w->thread = std::thread([&ioc = w->ioc] { ioc.run(); });
    }
    started_ = true;
    log::info("proxy_started", {{"http_port", std::to_string(httpPort_)}, {"https_port", std::to_string(httpsPort_)},
                                {"workers", std::to_string(n)}});
}

void Proxy::stop() {
    if (!started_) return;
    for (auto& w : workers_) w->ioc.stop();
    for (auto& w : workers_) {
        if (w->thread.joinable()) w->thread.join();
    }
    for (auto& w : workers_) w->pool.clear();
    workers_.clear();
    started_ = false;
}

std::future<void> Proxy::apply(DesiredRoutes desired) {
    return edit([&](DesiredRoutes& next) { next = std::move(desired); });
}

std::future<void> Proxy::edit(const std::function<void(DesiredRoutes&)>& change) {
    // Read, change and publish under one lock: two edits racing (two deployments switching at once)
    // each start from the other's result, so neither can drop the other's route.
    std::lock_guard lock(writerMu_);
    DesiredRoutes next = desired_;
    change(next);
    auto built = buildRoutes(next, live_);  // throws on bad input before anything changes
    for (auto& t : built.added) {
        // The engine checked the new target before switching; active checks take over from here.
        t->activate();
        startHealthChecks(control_->ioc.get_executor(), t);
    }
    shared_->routes.publish(built.routes);
    desired_ = std::move(next);
    live_ = std::move(built.live);
    if (acme_) acme_->setDomains(domainsOf(desired_));
    return drain(std::move(built.removed));
}

std::future<void> Proxy::drain(std::vector<std::shared_ptr<Target>> removed) {
    // Swap first (done by the caller), then drain: new requests can no longer reach these targets.
    for (auto& t : removed) t->beginDrain();
    auto done = std::make_shared<std::promise<void>>();
    auto fut = done->get_future();
    if (removed.empty()) {
        done->set_value();
        return fut;
    }
    asio::co_spawn(control_->ioc, drainWatch(std::move(removed), shared_->opts.drainTimeout, done), asio::detached);
    return fut;
}

std::future<void> Proxy::switchApp(AppRoute app) {
    return edit([&](DesiredRoutes& next) {
        const auto id = app.appId;
        next.apps[id] = std::move(app);
    });
}

std::future<void> Proxy::removeApp(const std::string& appId) {
    return edit([&](DesiredRoutes& next) { next.apps.erase(appId); });
}

std::future<void> Proxy::setExternalRoute(ExternalRoute route) {
    return edit([&](DesiredRoutes& next) { next.externals[normalizeDomain(route.domain)] = std::move(route); });
}

std::future<void> Proxy::removeExternalRoute(const std::string& domain) {
    return edit([&](DesiredRoutes& next) { next.externals.erase(normalizeDomain(domain)); });
}

DesiredRoutes Proxy::desired() const {
    std::lock_guard lock(writerMu_);
    return desired_;
}

std::vector<TargetStatus> Proxy::targets() const {
    std::lock_guard lock(writerMu_);
    std::vector<TargetStatus> out;
    for (const auto& [key, t] : live_.targets) out.push_back({t->owner(), t->key(), t->state(), t->inFlight()});
    return out;
}

CertStore& Proxy::certs() { return shared_->certs; }

void Proxy::enableAcme(CertManagerOptions options) {
    std::lock_guard lock(writerMu_);
    if (acme_) return;
    acme_ = std::make_unique<CertManager>(std::move(options), shared_->certs, shared_->challenges);
    acme_->loadStored();
    acme_->setDomains(domainsOf(desired_));
    acme_->start();
}
Challenges& Proxy::challenges() { return shared_->challenges; }

std::vector<CertificateStatus> Proxy::certificates(const std::vector<std::string>& domains, std::int64_t nowSec) const {
    std::lock_guard lock(writerMu_);  // acme_ is set under it
    std::vector<CertificateStatus> out;
    for (const auto& domain : domains) {
        CertFacts f;
        f.domain = normalizeDomain(domain);
        f.tls = shared_->opts.httpsEnabled;
        f.acme = acme_ != nullptr;
        f.notAfter = shared_->certs.notAfter(f.domain);
        if (acme_) {
            f.failure = acme_->failure(f.domain);
            f.renewBeforeSec = acme_->renewBefore().count();
        }
        f.nowSec = nowSec;
        out.push_back(certificateStatus(f));
    }
    return out;
}

MetricsSnapshot Proxy::metrics() const {
    MetricsSnapshot s;
    shared_->metrics.fill(s);
    std::lock_guard lock(writerMu_);
    for (const auto& [name, stats] : live_.stats) {
        auto& r = s.routes[name];
        for (std::size_t i = 0; i < r.byClass.size(); ++i) r.byClass[i] = stats->total(i);
    }
    return s;
}

}  // namespace rivetr::proxy
