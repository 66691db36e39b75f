// Public face of the data plane: what `rivetr serve` and the engine use (start/stop, routes, certificates, metrics).
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "core/non_copyable.hpp"
#include "proxy/cert_manager.hpp"
#include "proxy/cert_store.hpp"
#include "proxy/certificate_status.hpp"
#include "proxy/challenges.hpp"
#include "proxy/metrics.hpp"
#include "proxy/proxy_options.hpp"
#include "proxy/route_builder.hpp"

namespace rivetr::proxy {

struct ProxyShared;
struct Worker;

struct TargetStatus {
    std::string owner;
    std::string endpoint;
    TargetState state;
    std::size_t inFlight;
};

class Proxy : NonCopyable {
public:
    explicit Proxy(ProxyOptions options);
    ~Proxy();

    // Binds the listeners (throws std::runtime_error when a port is taken) and starts the workers.
    void start();
    void stop();
    std::uint16_t httpPort() const { return httpPort_; }
    std::uint16_t httpsPort() const { return httpsPort_; }

    // Route operations. Each is ONE atomic swap of the whole table; the returned future becomes
    // ready when every target taken out of service has drained (or the drain timeout passed), so
    // the caller stops old containers only then. Invalid input throws std::invalid_argument and
    // changes nothing.
    std::future<void> apply(DesiredRoutes desired);
    std::future<void> switchApp(AppRoute app);
    std::future<void> removeApp(const std::string& appId);
    std::future<void> setExternalRoute(ExternalRoute route);
    std::future<void> removeExternalRoute(const std::string& domain);
    // The one way the table changes: `change` edits a copy of the current desired routes, under the
    // writer lock, and the result is built and published before the lock is released.
    std::future<void> edit(const std::function<void(DesiredRoutes&)>& change);
    DesiredRoutes desired() const;
    std::vector<TargetStatus> targets() const;

    CertStore& certs();
    Challenges& challenges();
    // Certificates for every routed (non-wildcard) domain via ACME HTTP-01, answered by this proxy:
    // loads stored ones now, issues/renews in the background, follows route changes.
    void enableAcme(CertManagerOptions options);
    // What a browser would meet on each domain (installed expiry, ACME progress or failure);
    // answers with ACME off too.
    std::vector<CertificateStatus> certificates(const std::vector<std::string>& domains, std::int64_t nowSec) const;
    MetricsSnapshot metrics() const;

private:
    std::future<void> drain(std::vector<std::shared_ptr<Target>> removed);

    std::unique_ptr<ProxyShared> shared_;
    std::vector<std::unique_ptr<Worker>> workers_;
    // Health checks and drain deadlines run here, never on a request thread.
    std::unique_ptr<struct ControlLoop> control_;
    std::unique_ptr<CertManager> acme_;
    mutable std::mutex writerMu_;  // the one writer of the route table
    DesiredRoutes desired_;
    LiveState live_;
    std::uint16_t httpPort_ = 0;
    std::uint16_t httpsPort_ = 0;
    bool started_ = false;
};

}  // namespace rivetr::proxy
